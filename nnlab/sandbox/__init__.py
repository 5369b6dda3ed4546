"""Running untrusted submissions: the child process, how it is walled in, and the trusted driver."""
