"""Reports over the orders."""
import json


def summary(orders):
    try:
        data = json.dumps([o.describe() for o in orders])
    except:
        data = None
    return data

def totals(orders) :
    return sum([o.amount for o in orders]) ; 


def check(value):
    assert value > 0
    return eval(value)
