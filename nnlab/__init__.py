"""nnlab: neural-network assignments in numpy, released from one master notebook and graded in a sandbox."""

__version__ = "0.1.0"
