"""Plain PyTorch training loop with the Rossmann lesson's network, to measure the speed anchor side by side on the day.

The rows/s of a 2-core cloud guest drift by tens of percent between days, so RESULTS.md compares the TabularNet loop
with PyTorch measured on the same machine, the same day. Two kinds of rows:
  * random rows of the lesson's shapes (the loop's cost does not depend on the values): ROWS and EPOCHS;
  * the lesson's own preprocessed tables, exported by the benchmarks project
    (dotnet benchmarks/MLTabularExtensions.Benchmarks/bin/Release/net10.0/MLTabularExtensions.Benchmarks.dll lesson-table DIR):
    --table DIR trains on the same 804,056 rows TabularNet reads and prints the valid RMSPE after every epoch.
Debian 12: apt-get install python3-torch libopenblas0-openmp. Run it with /usr/bin/python3 (Debian's torch 1.13);
with OpenBLAS's pthread build instead of its OpenMP one, its threads and libgomp's fight and the loop runs ~20x slower.

usage: python3 plain_pytorch_loop.py [ROWS] [EPOCHS]          (default 804056 random rows; 2 epochs)
       python3 plain_pytorch_loop.py --table DIR [EPOCHS]     (the lesson's tables; 5 epochs, as the lesson)
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch
from torch import nn

# The lesson's 22 categorical cardinalities (with fastai's #na# slot) and 16 continuous columns, for random rows.
CARDINALITIES = [1116, 8, 4, 13, 32, 3, 5, 4, 5, 25, 9, 13, 53, 23, 7, 7, 4, 4, 9, 9, 3, 3]
CONTINUOUS = 16
BATCH = 512
LOG_SALES_MAX = 10.7


def embedding_width(cardinality):
    """fastai's emb_sz_rule."""
    return min(600, round(1.6 * cardinality ** 0.56))


class TabularModel(nn.Module):
    """fastai's TabularModel as the lesson builds it: layers [1000, 500], ps [0.001, 0.01], emb_drop 0.04, y_range."""

    def __init__(self, cardinalities, continuous, y_max):
        super().__init__()
        self.y_max = y_max
        self.embeds = nn.ModuleList(nn.Embedding(c, embedding_width(c)) for c in cardinalities)
        self.emb_drop = nn.Dropout(0.04)
        self.bn_cont = nn.BatchNorm1d(continuous)
        width = sum(embedding_width(c) for c in cardinalities) + continuous
        self.layers = nn.Sequential(
            nn.Linear(width, 1000, bias=False), nn.ReLU(inplace=True), nn.BatchNorm1d(1000), nn.Dropout(0.001),
            nn.Linear(1000, 500, bias=False), nn.ReLU(inplace=True), nn.BatchNorm1d(500), nn.Dropout(0.01),
            nn.Linear(500, 1))

    def forward(self, categorical, continuous):
        embedded = torch.cat([e(categorical[:, i]) for i, e in enumerate(self.embeds)], 1)
        x = torch.cat([self.emb_drop(embedded), self.bn_cont(continuous)], 1)
        return torch.sigmoid(self.layers(x)) * self.y_max


def random_rows(rows):
    categorical = torch.stack([torch.randint(1, c, (rows,)) for c in CARDINALITIES], 1)
    return categorical, torch.randn(rows, CONTINUOUS), torch.rand(rows, 1) * 2 + 7.5


def lesson_tables(folder):
    def load(name):
        return torch.from_numpy(np.load(os.path.join(folder, name)))
    with open(os.path.join(folder, "lesson.json")) as file:
        meta = json.load(file)
    train = load("train_cat.npy"), load("train_cont.npy"), load("train_sales.npy")
    valid = load("valid_cat.npy"), load("valid_cont.npy"), load("valid_sales.npy")
    return meta["cardinalities"], meta["y_max"], train, valid


def rmspe(model, categorical, continuous, sales):
    model.eval()
    with torch.no_grad():
        predicted = torch.cat([torch.exp(model(categorical[i:i + 2048], continuous[i:i + 2048])).squeeze(1)
                               for i in range(0, len(sales), 2048)])
    model.train()
    return math.sqrt(torch.mean(((sales - predicted) / sales) ** 2).item())


def main():
    args = sys.argv[1:]
    torch.set_num_threads(2)
    torch.manual_seed(1)
    if args and args[0] == "--table":
        cardinalities, y_max, (categorical, continuous, sales), valid = lesson_tables(args[1])
        label = torch.log(sales).unsqueeze(1)
        epochs = int(args[2]) if len(args) > 2 else 5
    else:
        rows = int(args[0]) if args else 804056
        epochs = int(args[1]) if len(args) > 1 else 2
        cardinalities, y_max, valid = CARDINALITIES, LOG_SALES_MAX, None
        categorical, continuous, label = random_rows(rows)
    rows = len(label)
    model = TabularModel(cardinalities, continuous.shape[1], y_max)
    steps = rows // BATCH
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.2, betas=(0.95, 0.99))
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, 3e-3, total_steps=steps * epochs, pct_start=0.3, div_factor=25, final_div_factor=1e4,
        base_momentum=0.85, max_momentum=0.95)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {rows:,} rows, batch {BATCH}")
    for epoch in range(epochs):
        order = torch.randperm(rows)
        start = time.perf_counter()
        for step in range(steps):
            index = order[step * BATCH:(step + 1) * BATCH]
            loss = nn.functional.mse_loss(model(categorical[index], continuous[index]), label[index])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            schedule.step()
            loss.item()  # the loss read back every step, as fastai's recorder and TabularNet's loop do
        seconds = time.perf_counter() - start
        metric = f", valid RMSPE {rmspe(model, *valid):.4f}" if valid is not None else ""
        print(f"epoch {epoch + 1}: {seconds:.2f} s, {steps * BATCH / seconds:,.0f} rows/s{metric}", flush=True)


if __name__ == "__main__":
    main()
