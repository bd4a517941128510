"""Learned extraction: models trained from the blind-written corpus (`make train`).

features.py turns a parsed sentence and its actors into named features; linear.py is the
model shape (logistic regression, numpy at run time); events.py decides events with it;
corpus.py and training.py make the training data and the models.
"""
