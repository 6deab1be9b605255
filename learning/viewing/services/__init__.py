"""The viewing point's services, one module per part (runs, equipment,
screening, viewing wishes). Each takes the acting user, checks its
permission codename, writes in one transaction and logs the change."""
