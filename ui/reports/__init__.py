"""报表: choose, preview and make the weekly and monthly reports and case list exports."""
