"""Errors a person can act on: each names the file and what is wrong with it."""


class InputError(Exception):
    """A source file that cannot be read or understood."""

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
