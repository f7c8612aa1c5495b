"""The numbers of a workshop: per-axis measures, the summary with its labels, the reason for a label,
comparisons across workshops and rounds, and the minutes table as text."""
