"""The 排班 page: today's board with check-in, the month's rota with warnings and attendance,
and the roster rules."""
