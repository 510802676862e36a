"""工作台: the signed-in user's named queues, live."""
