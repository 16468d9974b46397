"""`python -m lint`: the same as the `reportlint` command."""
from lint.cli import run

if __name__ == "__main__":
    run()
