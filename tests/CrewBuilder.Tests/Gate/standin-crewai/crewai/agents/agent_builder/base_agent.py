class BaseAgent:
    """The stand-in's base of agents."""
