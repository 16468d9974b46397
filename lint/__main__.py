"""`python -m lint` and the `reportlint` command (`console`)."""
import gc


def console() -> None:
    """The `reportlint` command. Start-up makes a few hundred thousand objects that live
    as long as the process: the cyclic collector is paused while they are made (it would
    walk them again and again), and they are frozen before the interpreter ends, whose
    last collections would otherwise walk them all (together 6% of a one-file run)."""
    gc.disable()
    from lint.cli import run

    gc.enable()
    try:
        run()
    finally:
        gc.freeze()


if __name__ == "__main__":
    console()
