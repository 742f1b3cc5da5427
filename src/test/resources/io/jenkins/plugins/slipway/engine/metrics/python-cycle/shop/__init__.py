"""A shop whose orders and invoices import each other and repeat one computation."""
