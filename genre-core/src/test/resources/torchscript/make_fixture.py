"""Makes the TorchScript fixture for ModelBundle's bring-your-own-model test.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 make_fixture.py
Writes gru.pt (a small GRU over [batch, frames, 3 features] -> logits for 4 genres, scripted) and
expected.json: the normalisation the bundle stores, an input batch and the softmax probabilities of
model((input - mean) / std), which the Java test must reproduce through DJL's PyTorch engine.
"""
import json
import torch

torch.manual_seed(20240611)
FRAMES, FEATURES, HIDDEN, CLASSES, BATCH = 6, 3, 8, 4, 3


class TinyGenreGru(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = torch.nn.GRU(FEATURES, HIDDEN, batch_first=True)
        self.out = torch.nn.Linear(HIDDEN, CLASSES)

    def forward(self, x):
        seq, _ = self.gru(x)
        return self.out(seq[:, -1, :])


model = TinyGenreGru().eval()
scripted = torch.jit.script(model)
scripted.save("gru.pt")

mean = torch.tensor([0.5, -1.0, 2.0])
std = torch.tensor([2.0, 0.5, 4.0])
x = torch.randn(BATCH, FRAMES, FEATURES) * 3.0
with torch.no_grad():
    probs = torch.softmax(scripted((x - mean) / std), dim=-1)
print(probs)
with open("expected.json", "w") as f:
    json.dump({"labels": ["classical", "electronic", "pop", "rock"],
               "mean": mean.tolist(), "std": std.tolist(),
               "input": x.tolist(), "probabilities": probs.tolist()}, f, indent=1)
