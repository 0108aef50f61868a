"""Simulated coverage of the 95% intervals docs/statistics.md describes, against the methods they replaced.

Run: python3 metrics-service/src/test/resources/reference/coverage_simulation.py   (about 3 minutes)
"""
import numpy as np
from scipy import stats

rng = np.random.default_rng(1)


def t_interval(h, vals, n):
    m = (h * vals).sum() / n
    v = ((h * vals ** 2).sum() - n * m * m) / (n - 1)
    half = stats.t.ppf(.975, n - 1) * np.sqrt(max(v, 0) / n)
    return m - half, m + half


def bounded_interval(h, vals, n):
    a = h + 1.0 / len(vals)
    a0 = a.sum()
    mu = (a * vals).sum() / a0
    var = ((a * vals ** 2).sum() / a0 - mu * mu) / (a0 + 1)
    half = stats.t.ppf(.975, n - 1) * np.sqrt(var)
    return mu - half, mu + half


MEANS = {'1-7 skewed': (np.arange(1, 8), [.01, .01, .02, .04, .12, .3, .5]),
         '1-7 nearly all 7': (np.arange(1, 8), [0, 0, 0, 0, .02, .08, .9]),
         '0-10 NPS-like': (np.arange(0, 11), [.03, .01, .02, .03, .03, .08, .05, .1, .2, .2, .25]),
         '1-5 symmetric': (np.arange(1, 6), [.1, .2, .4, .2, .1]),
         '1-5 nearly all 1': (np.arange(1, 6), [.95, .03, .01, .005, .005])}
print("Mean intervals: coverage (share of intervals holding the true mean) and mean width")
for name, (vals, p) in MEANS.items():
    p = np.array(p) / sum(p)
    mu = (p * vals).sum()
    for n in [2, 3, 5, 10, 30, 100]:
        out = []
        for label, f in [('t', t_interval), ('bounded', bounded_interval)]:
            cover = width = 0
            for _ in range(3000):
                h = rng.multinomial(n, p)
                lo, hi = f(h, vals, n)
                lo, hi = max(lo, vals[0]), min(hi, vals[-1])
                cover += lo <= mu + 1e-12 and mu - 1e-12 <= hi
                width += hi - lo
            out.append(f"{label} {cover / 3000:.3f} (width {width / 3000:.2f})")
        print(f"  {name:18s} n={n:<4d} " + "  ".join(out))


def midranks(counts):
    c = np.cumsum(counts)
    return c - counts + (counts + 1) / 2.0


def rho(J):
    n = J.sum()
    X = midranks(J.sum(1))[:, None] * np.ones_like(J)
    Y = np.ones_like(J) * midranks(J.sum(0))[None, :]
    sx, sy = (J * X).sum(), (J * Y).sum()
    a = n * (J * X * X).sum() - sx * sx
    b = n * (J * Y * Y).sum() - sy * sy
    return None if a <= 0 or b <= 0 else (n * (J * X * Y).sum() - sx * sy) / np.sqrt(a * b)


def fieller(J):
    n, r = J.sum(), rho(J)
    if r is None or abs(r) >= 1 or n <= 3:
        return None
    h = 1.959964 * 1.06 / np.sqrt(n - 3)
    return np.tanh(np.arctanh(r) - h), np.tanh(np.arctanh(r) + h)


def union(J):
    n, r, f = J.sum(), rho(J), fieller(J)
    if f is None:
        return None
    loo, w = [], []
    for i, j in zip(*np.nonzero(J)):
        K = J.copy()
        K[i, j] -= 1
        ri = rho(K)
        if ri is None:
            return None
        loo.append(ri)
        w.append(J[i, j])
    loo, w = np.array(loo), np.array(w)
    se = np.sqrt((n - 1) / n * (w * (loo - (w * loo).sum() / n) ** 2).sum())
    half = stats.t.ppf(.975, n - 1) * se / (1 - r * r)
    z = np.arctanh(r)
    return min(f[0], np.tanh(z - half)), max(f[1], np.tanh(z + half))


print("Spearman intervals on 5 x 7 point scales cut from a latent normal: coverage (width)")
for lat, cx, cy in [(0.6, [-1.5, -0.8, 0, 0.4], [-2, -1.5, -1, -0.5, 0, 0.6]),
                    (0.5, [-3, -2.5, -2, 1.0], [-3, -2.8, -2.5, -2.2, -2, 1.3])]:
    big = rng.multivariate_normal([0, 0], [[1, lat], [lat, 1]], size=400000)
    P = np.zeros((5, 7))
    np.add.at(P, (np.searchsorted(cx, big[:, 0]), np.searchsorted(cy, big[:, 1])), 1)
    true = rho(P)
    P = P / P.sum()
    for n in [15, 30, 60, 150]:
        res = {'fieller': [0, 0, 0], 'union': [0, 0, 0]}
        for _ in range(1000):
            J = rng.multinomial(n, P.ravel()).reshape(P.shape).astype(float)
            for label, f in [('fieller', fieller), ('union', union)]:
                ci = f(J)
                if ci is not None:
                    res[label][0] += 1
                    res[label][1] += ci[0] <= true <= ci[1]
                    res[label][2] += ci[1] - ci[0]
        print(f"  rho={true:.3f} n={n:<4d} " + "  ".join(
            f"{k} {v[1] / v[0]:.3f} ({v[2] / v[0]:.2f})" for k, v in res.items()))
