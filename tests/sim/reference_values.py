# Reference values for tests/sim/erlang.rs; run with `python3 tests/sim/reference_values.py`
# (needs mpmath). Several minutes: the Erlang A part solves 71 small matrix exponentials at 30 digits.
# Independent reference values for Erlang A: the birth-death chain solved
# directly, and each tagged customer's wait from the matrix exponential of
# its own absorbing Markov chain (no incomplete-beta formula involved).
import mpmath as m
m.mp.dps = 30
def ref(n, arr_h, aht_s, pat_s, T, K=60):
    lam = m.mpf(arr_h)/3600; mu = 1/m.mpf(aht_s); th = 1/m.mpf(pat_s)
    w = [m.mpf(1)]
    for s in range(1, n+K+1):
        death = min(s, n)*mu + max(s-n, 0)*th
        w.append(w[-1]*lam/death)
    Z = sum(w); pi = [x/Z for x in w]
    pwait = sum(pi[n:])
    EQ = sum((s-n)*pi[s] for s in range(n, len(pi)))
    sl = sum(pi[:n]); served_wait = 0; served = sum(pi[:n])
    for k in range(0, K+1):
        # states: 0..k (j ahead), k+1 = served, k+2 = abandoned
        size = k+3
        Q = m.zeros(size, size)
        for j in range(0, k+1):
            if j >= 1:
                Q[j, j-1] = n*mu + j*th
            else:
                Q[j, k+1] = n*mu
            Q[j, k+2] = th
            Q[j, j] = -(n*mu + j*th + th)
        P = m.expm(Q*T)
        sl += pi[n+k]*P[k, k+1]
        # expected time in transient j weighted by eventual service
        QT = Q[0:k+1, 0:k+1]
        N = m.inverse(-QT)
        beta = n*mu/th
        h = [beta/(beta+j+1) for j in range(k+1)]
        served_wait += pi[n+k]*sum(N[k, j]*h[j] for j in range(k+1))
        served += pi[n+k]*h[k]
    return dict(pwait=pwait, sl=sl, asa=served_wait/served, mean_wait=EQ/lam, aband=th*EQ/lam, served=served)
# Erlang A: 3 agents, 30 tickets/h, AHT 300 s, patience 120 s, T = 20 s.
print('erlang A', {k: m.nstr(v, 17) for k, v in ref(3, 30, 300, 120, 20, K=70).items()})

# Erlang C from the factorial formula (mpmath big numbers, 60 digits).
def erlang_c(n, arr_h, aht, T):
    a = m.mpf(arr_h)*aht/3600
    s = m.fsum(a**k/m.factorial(k) for k in range(n))
    top = a**n/m.factorial(n)*n/(n-a)
    C = top/(s+top)
    lam = m.mpf(arr_h)/3600; mu = 1/m.mpf(aht)
    return C, 1 - C*m.exp(-(n*mu-lam)*T), C/(n*mu-lam)
m.mp.dps = 60
for case in [(13, 100, 360, 20), (1, 50, 60, 30), (2000, 19500, 360, 20)]:
    print('erlang C', case, [m.nstr(x, 17) for x in erlang_c(*case)])

# Patience = handle time: the count in system is Poisson(a), a = 10, n = 8.
a = m.mpf(10); n = 8
pw = 1 - sum(m.exp(-a)*a**k/m.factorial(k) for k in range(n))
EQ = sum((k-n)*m.exp(-a)*a**k/m.factorial(k) for k in range(n, 200))
print('theta = mu', m.nstr(pw, 17), m.nstr(EQ/a, 17))
