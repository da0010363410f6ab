"""The one error type the loaders raise for bad input."""


class ParseError(Exception):
    """A file that cannot be read as a policy document.

    `str(error)` is one line naming the file and the problem, fit to show a user.
    """

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")
