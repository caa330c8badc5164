"""`python -m lintgoals`: the same as the `lintgoals` command."""
from .cli import main

if __name__ == "__main__":
    main()
