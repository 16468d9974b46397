"""The normalised view and the outline: a decoded document, its folded text
(offsets 1:1 with the original), the outline with section roles, and facts read off it."""
