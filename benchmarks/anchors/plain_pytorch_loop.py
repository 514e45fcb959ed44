"""Plain PyTorch training loop with the Rossmann lesson's shapes, to re-measure the anchor on the day.

The rows/s of a 2-core cloud guest drift by tens of percent between days, so RESULTS.md compares the TabularNet loop
with PyTorch measured on the same machine, the same day. The data are random: the loop's cost does not depend on the
values. Debian 12: apt-get install python3-torch libopenblas0-openmp (1.13.1; pip is not reachable here).

usage: python3 plain_pytorch_loop.py [ROWS] [EPOCHS]     (default 804056 rows, the lesson's training set; 2 epochs)
"""
import sys
import time

import torch
from torch import nn

# The lesson's 22 categorical cardinalities (with fastai's #na# slot) and 16 continuous columns.
CARDINALITIES = [1116, 8, 4, 13, 32, 3, 5, 4, 5, 25, 9, 13, 53, 23, 7, 7, 4, 4, 9, 9, 3, 3]
CONTINUOUS = 16
BATCH = 512
LOG_SALES_MAX = 10.7


def embedding_width(cardinality):
    """fastai's emb_sz_rule."""
    return min(600, round(1.6 * cardinality ** 0.56))


class TabularModel(nn.Module):
    """fastai's TabularModel as the lesson builds it: layers [1000, 500], ps [0.001, 0.01], emb_drop 0.04, y_range."""

    def __init__(self):
        super().__init__()
        self.embeds = nn.ModuleList(nn.Embedding(c, embedding_width(c)) for c in CARDINALITIES)
        self.emb_drop = nn.Dropout(0.04)
        self.bn_cont = nn.BatchNorm1d(CONTINUOUS)
        width = sum(embedding_width(c) for c in CARDINALITIES) + CONTINUOUS
        self.layers = nn.Sequential(
            nn.Linear(width, 1000, bias=False), nn.ReLU(inplace=True), nn.BatchNorm1d(1000), nn.Dropout(0.001),
            nn.Linear(1000, 500, bias=False), nn.ReLU(inplace=True), nn.BatchNorm1d(500), nn.Dropout(0.01),
            nn.Linear(500, 1))

    def forward(self, categorical, continuous):
        embedded = torch.cat([e(categorical[:, i]) for i, e in enumerate(self.embeds)], 1)
        x = torch.cat([self.emb_drop(embedded), self.bn_cont(continuous)], 1)
        return torch.sigmoid(self.layers(x)) * LOG_SALES_MAX


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 804056
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    torch.set_num_threads(2)
    torch.manual_seed(1)
    categorical = torch.stack([torch.randint(1, c, (rows,)) for c in CARDINALITIES], 1)
    continuous = torch.randn(rows, CONTINUOUS)
    label = torch.rand(rows, 1) * 2 + 7.5
    model = TabularModel()
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
        print(f"epoch {epoch + 1}: {seconds:.2f} s, {steps * BATCH / seconds:,.0f} rows/s", flush=True)


if __name__ == "__main__":
    main()
