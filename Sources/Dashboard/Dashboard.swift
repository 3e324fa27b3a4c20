// Dashboard.
