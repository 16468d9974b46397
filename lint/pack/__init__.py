"""The rule pack: rule files and pack files loaded and validated (every problem is
`file:line: what is wrong`), parameter types, and the data files rules name."""
