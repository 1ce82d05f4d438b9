class BaseTool:
    """The stand-in's BaseTool: a tool's name, description and args_schema as class attributes; run() calls _run()."""

    name = ""
    description = ""
    args_schema = None

    def __init__(self, **fields):
        self.__dict__.update(fields)

    def run(self, *args, **kwargs):
        return self._run(*args, **kwargs)
