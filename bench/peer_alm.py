#!/usr/bin/env python3
"""memsweep's NumPy peer for the trainer bench: the augmented-Lagrangian training of a min-norm
shallow ReLU denoiser (docs/science.md section 3.4) as a NumPy user would write it, one BLAS thread.

Problem: orthogonal data (apex 0 plus N-1 unit edges along the first axes) in R^d, M noisy copies
y = x + sigma*eps per point, a network h(y) = sum_k a_k relu(w_k.y + b_k) + V y + c of width K.
Objective: C + sum_p lambda_p.r_p + (beta/2) sum_p |r_p|^2 with C = 1/2 sum_k (|a_k|^2 + |w_k|^2) and
residuals r_p = h(y_p) - x_p summed over the samples. Each outer round runs --inner Adam steps
(learning rate 3e-3, times 0.93 per round), then lambda += beta r. Fixed work, no stopping rule:
it measures speed. Output, one line:
  numpy ALM peer: d=.. N=.. M=.. K=.. steps=.. T s  R Adam steps/s  cost C  max residual E
where cost is sum_k |a_k||w_k| and max residual the largest |r| entry after the last round.
Usage: OPENBLAS_NUM_THREADS=1 peer_alm.py [--d 30] [--n 31] [--m 100] [--k 256] [--sigma 0.05]
       [--outer 2] [--inner 100]
"""
import argparse
import sys
import time

try:
    import numpy as np
except ImportError:
    print(f"numpy ALM peer: numpy is not installed for {sys.executable} "
          "(pip install numpy, or Debian's python3-numpy)")
    sys.exit(3)

BETA = 5.0           # penalty weight, fixed
LEARNING_RATE = 3e-3
DECAY = 0.93         # learning rate factor per outer round
ADAM_B1, ADAM_B2, ADAM_EPS = 0.9, 0.999, 1e-10


class Network:
    """The shallow ReLU denoiser with a free linear skip; rows of `out` are the output weights a_k."""

    def __init__(self, rng, d, width):
        self.w = rng.standard_normal((width, d)) / np.sqrt(d)
        self.b = 0.5 * rng.standard_normal(width)
        self.out = 0.1 * rng.standard_normal((width, d))
        self.v = np.zeros((d, d))
        self.c = np.zeros(d)

    def params(self):
        return [self.out, self.w, self.b, self.v, self.c]

    def forward(self, y):
        pre = y @ self.w.T + self.b
        return pre, np.maximum(pre, 0.0) @ self.out + y @ self.v.T + self.c

    def cost(self):
        return float(np.sum(np.linalg.norm(self.out, axis=1) * np.linalg.norm(self.w, axis=1)))


class Adam:
    """Adam with bias correction, updating the arrays in place."""

    def __init__(self, params):
        self.first = [np.zeros_like(p) for p in params]
        self.second = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, params, grads, lr):
        self.t += 1
        c1, c2 = 1.0 - ADAM_B1 ** self.t, 1.0 - ADAM_B2 ** self.t
        for p, g, m, v in zip(params, grads, self.first, self.second):
            m *= ADAM_B1
            m += (1.0 - ADAM_B1) * g
            v *= ADAM_B2
            v += (1.0 - ADAM_B2) * g * g
            p -= lr * (m / c1) / (np.sqrt(v / c2) + ADAM_EPS)


def train(d, n, m, width, sigma, outer, inner, seed=0):
    """Runs outer x inner Adam steps; returns (steps, cost, largest residual entry)."""
    rng = np.random.default_rng(seed)
    clean = np.vstack([np.zeros(d), np.eye(d)[: n - 1]])
    targets = np.repeat(clean, m, axis=0)
    noisy = targets + sigma * rng.standard_normal(targets.shape)
    net = Network(rng, d, width)
    params = net.params()
    adam = Adam(params)
    multipliers = np.zeros_like(targets)
    lr = LEARNING_RATE
    for _ in range(outer):
        for _ in range(inner):
            pre, h = net.forward(noisy)
            g = multipliers + BETA * (h - targets)          # d objective / d h, per sample
            hidden = np.maximum(pre, 0.0)
            g_pre = (g @ net.out.T) * (pre > 0.0)
            grads = [hidden.T @ g + net.out,                # the cost's gradient is the weight itself
                     g_pre.T @ noisy + net.w,
                     g_pre.sum(axis=0),
                     g.T @ noisy,
                     g.sum(axis=0)]
            adam.step(params, grads, lr)
        residual = net.forward(noisy)[1] - targets
        multipliers += BETA * residual
        lr *= DECAY
    return adam.t, net.cost(), float(np.abs(residual).max())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--d", type=int, default=30, help="dimension")
    ap.add_argument("--n", type=int, default=31, help="training points, apex included (N-1 <= d)")
    ap.add_argument("--m", type=int, default=100, help="noisy copies per point")
    ap.add_argument("--k", type=int, default=256, help="hidden units")
    ap.add_argument("--sigma", type=float, default=0.05, help="noise level")
    ap.add_argument("--outer", type=int, default=2, help="multiplier updates")
    ap.add_argument("--inner", type=int, default=100, help="Adam steps per multiplier update")
    a = ap.parse_args()

    def bad(message):
        print(f"peer_alm.py: {message}", file=sys.stderr)
        sys.exit(2)

    for name, value, low in (("--d", a.d, 1), ("--n", a.n, 2), ("--m", a.m, 1), ("--k", a.k, 1),
                             ("--outer", a.outer, 1), ("--inner", a.inner, 1)):
        if value < low:
            bad(f"{name} {value}: must be an integer >= {low}")
    if a.n - 1 > a.d:
        bad(f"--n {a.n}: orthogonal data need N-1 <= d = {a.d}")
    if not a.sigma > 0:
        bad(f"--sigma {a.sigma}: must be > 0")

    t0 = time.perf_counter()
    steps, cost, residual = train(a.d, a.n, a.m, a.k, a.sigma, a.outer, a.inner)
    seconds = time.perf_counter() - t0
    print(f"numpy ALM peer: d={a.d} N={a.n} M={a.m} K={a.k} steps={steps} {seconds:.2f}s "
          f"{steps / seconds:.1f} Adam steps/s  cost {cost:.3f}  max residual {residual:.4f}")


if __name__ == "__main__":
    main()
