"""The sandbox wall carries plain data only, and the parent rebuilds it strictly."""
import json

import numpy as np
import pytest

from nnlab.sandbox import plain


class Liar(np.ndarray):
    def __eq__(self, other):  # noqa: D105 - a hostile override
        return True


class FloatLiar(float):
    def __eq__(self, other):
        return True


def roundtrip(x):
    """Across the wall as the child and parent carry it: encoded, JSON without NaN, decoded."""
    return plain.decode(json.loads(json.dumps(plain.encode(x), allow_nan=False)))


def test_roundtrip_keeps_types_shapes_and_values():
    data = {"a": [1, 2.5, None, True], "t": (np.arange(6, dtype=np.int32).reshape(2, 3), "s"),
            "f": float("nan"), "g": -float("inf"), "b": np.bool_(False)}
    back = roundtrip(data)
    assert back["a"] == [1, 2.5, None, True]
    assert isinstance(back["t"], tuple) and back["t"][1] == "s"
    assert back["t"][0].dtype == np.int32 and back["t"][0].shape == (2, 3)
    assert np.isnan(back["f"]) and back["g"] == -float("inf") and back["b"] is False


def test_overridden_eq_does_not_survive_the_wall():
    liar = np.zeros(3).view(Liar)
    back = roundtrip(liar)
    assert type(back) is np.ndarray
    assert not np.array_equal(back, np.ones(3))
    assert type(roundtrip(FloatLiar(1.5))) is float and roundtrip(FloatLiar(1.5)) != 2.0


def test_unsupported_objects_are_named_not_passed():
    back = roundtrip([object(), np.array(["x"]), lambda: 1])
    assert all(isinstance(b, plain.Unsupported) for b in back)
    assert back[0].kind == "object" and "dtype" in back[1].kind


def test_generators_are_consumed_into_lists():
    assert [list(x) for x in roundtrip(np.arange(3) for _ in range(2))] == [[0, 1, 2], [0, 1, 2]]


@pytest.mark.parametrize("bad", [
    {"$nd": ["|O", [1], ""]},                       # object dtype
    {"$nd": ["<f8", [3], "AAAAAAAAAAA="]},           # size does not match shape
    {"$evil": 1},                                    # unknown tag
    {"a": 1, "b": 2},                                # not a tagged item
])
def test_decode_rejects_anything_not_plain(bad):
    with pytest.raises(plain.DecodeError):
        plain.decode(json.loads(json.dumps(bad)))
