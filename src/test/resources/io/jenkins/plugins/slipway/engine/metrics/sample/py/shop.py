"""Shop helpers with a duplicated block."""


def price_with_tax(items, rate):
    total = 0
    for item in items:
        if item.get("price") is not None and item.get("qty", 0) > 0:
            total += item["price"] * item["qty"] * (1 + rate) - item.get("discount", 0)
    return round(total, 2)


def price_with_tax_again(items, rate):
    total = 0
    for item in items:
        if item.get("price") is not None and item.get("qty", 0) > 0:
            total += item["price"] * item["qty"] * (1 + rate) - item.get("discount", 0)
    return round(total, 2)
