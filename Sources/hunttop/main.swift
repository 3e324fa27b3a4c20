print("hunttop")
