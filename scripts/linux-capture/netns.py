"""Enter a named network namespace (ip netns) from Python 3.11 (stdlib ctypes; os.setns is 3.12+)."""
import contextlib
import ctypes
import os

CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def setns_fd(fd):
    if _libc.setns(fd, CLONE_NEWNET) != 0:
        e = ctypes.get_errno()
        raise OSError(e, 'setns: %s' % os.strerror(e))


@contextlib.contextmanager
def inside(name):
    """Run the body with this thread in netns `name` (/run/netns/NAME), then come back."""
    home = os.open('/proc/thread-self/ns/net', os.O_RDONLY)
    target = os.open('/run/netns/%s' % name, os.O_RDONLY)
    try:
        setns_fd(target)
        yield
    finally:
        setns_fd(home)
        os.close(target)
        os.close(home)
