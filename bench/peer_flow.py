#!/usr/bin/env python3
"""memsweep's NumPy peer for `memsweep bench`: the probability flow of docs/science.md section 4 as a
NumPy user would write it, every trajectory of a batch advanced together, one BLAS thread.

Data: orthogonal, apex at the origin plus N-1 unit edges along the first axes (section 2). Flow:
Karras levels from sigma_max down to 0.002, Euler steps y += (s' - s)(y - h_s(y))/s. Denoisers:
  closed   the hyperbox ramps of section 3.1 at rho = alpha*s; the flow starts at
           sigma_max = 0.95 * min L / (2 alpha), just inside the closed form's range
  mmse     the empirical MMSE of section 3.2 (a softmax over the training points); sigma_max = 80
  network  one shallow ReLU network A relu(W y + b) + V y + c of --width units per level, random
           weights (a speed reference for trained denoisers, section 3.4, not a result); sigma_max = 80
Starts: N(0, sigma_max^2 I). Endpoints are classified as in section 6 (tolerance 0.2, L-inf), inside
the timed part as the engine does. Output, one line (bench reads the "trajectories/s" figure):
  numpy peer: d=.. N=.. K=.. denoiser=.. batch=.. best T s  R trajectories/s  memorized-fraction F  ...
Usage: OPENBLAS_NUM_THREADS=1 peer_flow.py [--d 30] [--n 31] [--k 150] [--batch 10000]
       [--denoiser closed|mmse|network] [--width 256] [--alpha sqrt(d)] [--repeat 3]
"""
import argparse
import sys
import time

try:
    import numpy as np
except ImportError:
    print(f"numpy peer: numpy is not installed for {sys.executable} "
          "(pip install numpy, or Debian's python3-numpy)")
    sys.exit(3)

TAU = 0.2        # L-inf tolerance of the classification (science.md section 6)
SIGMA_MIN = 0.002
RHO_KARRAS = 7.0


def karras_levels(sigma_max, sigma_min, count):
    """The K noise levels of the EDM schedule, largest first (science.md section 4)."""
    lo, hi = sigma_min ** (1 / RHO_KARRAS), sigma_max ** (1 / RHO_KARRAS)
    frac = np.linspace(0.0, 1.0, count)
    return (hi + frac * (lo - hi)) ** RHO_KARRAS


class Ramps:
    """Closed-form min-norm denoiser of hyperbox data with apex 0 (science.md section 3.1)."""

    def __init__(self, edges, alpha):
        self.edges = edges
        self.lengths = np.linalg.norm(edges, axis=1)
        self.dirs = edges / self.lengths[:, None]
        self.alpha = alpha

    def __call__(self, y, sigma, level):
        rho = self.alpha * sigma
        coeff = (y @ self.dirs.T - rho) / (self.lengths - 2.0 * rho)
        np.clip(coeff, 0.0, 1.0, out=coeff)
        return coeff @ self.edges


class Mmse:
    """Empirical MMSE denoiser: softmax-weighted training points (science.md section 3.2)."""

    def __init__(self, points):
        self.points = points
        self.sq = (points * points).sum(axis=1)

    def __call__(self, y, sigma, level):
        # -|y - x|^2 / (2 s^2) up to a per-row constant (|y|^2 drops out of the softmax)
        logits = (y @ self.points.T - 0.5 * self.sq) / (sigma * sigma)
        logits -= logits.max(axis=1, keepdims=True)
        w = np.exp(logits)
        w /= w.sum(axis=1, keepdims=True)
        return w @ self.points


class RandomNetworks:
    """One random shallow ReLU network with a linear skip per level: timing only (section 3.4)."""

    def __init__(self, rng, d, width, levels):
        self.nets = []
        for _ in range(levels):
            w = rng.standard_normal((width, d)) / np.sqrt(d)
            b = 0.1 * rng.standard_normal(width)
            a = 0.5 * rng.standard_normal((d, width)) / width
            self.nets.append((w.T.copy(), b, a.T.copy(), 0.5 * np.eye(d), np.zeros(d)))

    def __call__(self, y, sigma, level):
        w_t, b, a_t, v, c = self.nets[level]
        hidden = y @ w_t
        hidden += b
        np.maximum(hidden, 0.0, out=hidden)
        return hidden @ a_t + y @ v.T + c


def classify(y, edges):
    """Category counts of science.md section 6 for hyperbox data with apex 0 and orthogonal edges."""
    lengths2 = (edges * edges).sum(axis=1)
    beta = (y @ edges.T) / lengths2
    finite = np.isfinite(y).all(axis=1)
    ones = np.clip(np.rint(beta), 0.0, 1.0)
    order = ones.sum(axis=1)
    near_vertex = np.abs(y - ones @ edges).max(axis=1) <= TAU
    on_box = np.abs(y - np.clip(beta, 0.0, 1.0) @ edges).max(axis=1) <= TAU
    apex = finite & near_vertex & (order == 0)
    training = finite & near_vertex & (order == 1)
    virtual = finite & near_vertex & (order >= 2)
    manifold = finite & ~near_vertex & on_box
    other = finite & ~near_vertex & ~on_box
    return {name: int(mask.sum()) for name, mask in
            (("apex", apex), ("training", training), ("virtual", virtual),
             ("manifold", manifold), ("other", other), ("diverged", ~finite))}


def simulate(d, n, levels, batch, kind, alpha, width, seed):
    """One batch of probability flows; returns the category counts of its endpoints."""
    rng = np.random.default_rng(seed)
    edges = np.eye(d)[: n - 1]
    if kind == "closed":
        sigma_max = 0.95 * np.linalg.norm(edges, axis=1).min() / (2.0 * alpha)
        denoise = Ramps(edges, alpha)
    elif kind == "mmse":
        sigma_max = 80.0
        denoise = Mmse(np.vstack([np.zeros(d), edges]))
    else:
        sigma_max = 80.0
        denoise = RandomNetworks(rng, d, width, levels)
    sigmas = karras_levels(sigma_max, SIGMA_MIN, levels)
    y = sigma_max * rng.standard_normal((batch, d))
    for i in range(levels - 1):
        s = sigmas[i]
        step = (sigmas[i + 1] - s) / s
        y += step * (y - denoise(y, s, i))
    return classify(y, edges)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--d", type=int, default=30, help="dimension")
    ap.add_argument("--n", type=int, default=31, help="training points, apex included (N-1 <= d)")
    ap.add_argument("--k", type=int, default=150, help="Karras levels (>= 2)")
    ap.add_argument("--batch", type=int, default=10000, help="trajectories per timed run")
    ap.add_argument("--denoiser", choices=("closed", "mmse", "network"), default="closed")
    ap.add_argument("--width", type=int, default=256, help="--denoiser network: hidden units")
    ap.add_argument("--alpha", type=float, default=None, help="rho = alpha sigma (default sqrt(d))")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs; the best one is reported")
    a = ap.parse_args()
    def bad(message):
        print(f"peer_flow.py: {message}", file=sys.stderr)
        sys.exit(2)

    for name, value, low in (("--d", a.d, 1), ("--n", a.n, 2), ("--k", a.k, 2), ("--batch", a.batch, 1),
                             ("--width", a.width, 1), ("--repeat", a.repeat, 1)):
        if value < low:
            bad(f"{name} {value}: must be an integer >= {low}")
    if a.n - 1 > a.d:
        bad(f"--n {a.n}: orthogonal data need N-1 <= d = {a.d}")
    alpha = a.alpha if a.alpha is not None else float(np.sqrt(a.d))
    if not alpha > 0:
        bad(f"--alpha {a.alpha}: must be > 0")

    simulate(a.d, a.n, a.k, min(a.batch, 1000), a.denoiser, alpha, a.width, seed=12345)  # warm-up
    best, counts = float("inf"), None
    for r in range(a.repeat):
        t0 = time.perf_counter()
        counts = simulate(a.d, a.n, a.k, a.batch, a.denoiser, alpha, a.width, seed=r)
        best = min(best, time.perf_counter() - t0)
    memorized = (counts["apex"] + counts["training"]) / a.batch
    width = f" width={a.width}" if a.denoiser == "network" else ""
    tally = " ".join(f"{k} {v / a.batch:.3f}" for k, v in counts.items())
    print(f"numpy peer: d={a.d} N={a.n} K={a.k} denoiser={a.denoiser}{width} batch={a.batch} "
          f"best {best:.3f}s  {a.batch / best:.0f} trajectories/s  memorized-fraction {memorized:.3f}  "
          f"({tally})")


if __name__ == "__main__":
    main()
