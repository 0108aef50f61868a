"""Reference answers for StatisticsTest, computed with NumPy and SciPy independently of the Java code.

Run: python3 metrics-service/src/test/resources/reference/statistics_reference.py
"""
import numpy as np
from scipy import stats

Z = stats.norm.ppf(0.975)


def dirichlet_mean_interval(scale, answers):
    """Bayesian bootstrap with a prior of total weight 1 spread over the scale points, t(n-1) quantile, clipped."""
    points = np.arange(scale[0], scale[1] + 1)
    counts = np.array([answers.count(v) for v in points], dtype=float)
    alpha = counts + 1.0 / len(points)
    a0 = alpha.sum()
    mean = (alpha * points).sum() / a0
    var = ((alpha * points ** 2).sum() / a0 - mean ** 2) / (a0 + 1)
    # The closed form is the Dirichlet posterior's: checked against draws.
    draws = np.random.default_rng(7).dirichlet(alpha, 400_000) @ points
    assert abs(draws.std() - np.sqrt(var)) < 2e-3 * max(1, np.sqrt(var)), (draws.std(), np.sqrt(var))
    half = stats.t.ppf(0.975, len(answers) - 1) * np.sqrt(var)
    return max(scale[0], mean - half), min(scale[1], mean + half)


def jackknife_spearman_interval(x, y):
    x, y = np.array(x), np.array(y)
    n = len(x)
    rho = stats.spearmanr(x, y).statistic
    loo = np.array([stats.spearmanr(np.delete(x, i), np.delete(y, i)).statistic for i in range(n)])
    se = np.sqrt((n - 1) / n * ((loo - loo.mean()) ** 2).sum())
    z = np.arctanh(rho)
    half = stats.t.ppf(0.975, n - 1) * se / (1 - rho ** 2)
    fh = Z * 1.06 / np.sqrt(n - 3)
    return rho, min(np.tanh(z - fh), np.tanh(z - half)), max(np.tanh(z + fh), np.tanh(z + half))


def wilson(s, n):
    r = stats.binomtest(s, n).proportion_ci(0.95, method='wilson')
    return r.low, r.high


def newcombe(s1, n1, s2, n2):
    p1, p2 = s1 / n1, s2 / n2
    l1, u1 = wilson(s1, n1)
    l2, u2 = wilson(s2, n2)
    d = p1 - p2
    return d, d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def nps_difference(pro1, det1, n1, pro2, det2, n2):
    def adjusted(p, d, n):
        m = n + 3
        a, b = (p + 0.75) / m, (d + 0.75) / m
        return a - b, (a + b - (a - b) ** 2) / m
    a, va = adjusted(pro1, det1, n1)
    b, vb = adjusted(pro2, det2, n2)
    se = np.sqrt(va + vb)
    return 100 * ((pro1 - det1) / n1 - (pro2 - det2) / n2), 100 * (a - b - Z * se), 100 * (a - b + Z * se), \
        2 * stats.norm.sf(abs(a - b) / se)


print("mean 1-7 [5,6,7,4,6]:", dirichlet_mean_interval((1, 7), [5, 6, 7, 4, 6]))
print("mean 0-10 [0,10]:", dirichlet_mean_interval((0, 10), [0, 10]))
print("mean 1-7 [7]*3:", dirichlet_mean_interval((1, 7), [7, 7, 7]))
print("mean 1-5 [1]*40:", dirichlet_mean_interval((1, 5), [1] * 40))
print("wilson 10/10:", wilson(10, 10))
print("newcombe 56/70 - 48/80:", newcombe(56, 70, 48, 80))
print("pooled z p 56/70 vs 48/80:",
      stats.chi2_contingency([[56, 14], [48, 32]], correction=False).pvalue)
print("nps diff 50p 20d /100 vs 30p 30d /90:", nps_difference(50, 20, 100, 30, 30, 90))
print("BH:", list(stats.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.2, 0.04])))
welch = stats.ttest_ind([5, 6, 7, 4, 6], [3, 4, 2, 5, 3, 4], equal_var=False)
print("welch ci:", welch.confidence_interval(0.95))
xs = [1, 2, 2, 3, 3, 3, 5, 4, 5, 5, 1, 2]
ys = [1, 3, 2, 2, 4, 4, 5, 5, 4, 5, 2, 1]
print("spearman jackknife ∪ fieller:", jackknife_spearman_interval(xs, ys))
