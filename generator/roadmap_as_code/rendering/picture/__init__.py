"""The roadmap picture: goals or departments as lanes, quarters as columns, an inline SVG."""

from .block import picture_block
from .content import Card, Lane, Picture
from .drawing import picture_svg
from .lanes import departments_picture, goals_picture, milestone_term

__all__ = [
    "Card",
    "Lane",
    "Picture",
    "departments_picture",
    "goals_picture",
    "milestone_term",
    "picture_block",
    "picture_svg",
]
