"""一窗受理: the keyboard-first intake form with person lookup and repeat detection."""
