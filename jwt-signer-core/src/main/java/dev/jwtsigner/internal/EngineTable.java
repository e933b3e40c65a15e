package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The engine choice for {@link Providers}, in one place: the optional engines' loaders, fastest first, and
 * when they start loading. Tests make their own tables (absent, failing, throwing, slow engines).
 *
 * <p>When: a short process (a serverless function, the CLI) that signs a few tokens and exits must not pay
 * for an engine it never reaches. Loading Amazon Corretto Crypto Provider costs about 450 ms of CPU, and the
 * JDK's check of Bouncy Castle's signed 7 MB jar 110-150 ms, on a machine whose 2 cores the first token needs.
 * So a load starts only once signing has gone on for a while: after {@link Policy#uses} signatures and
 * verifications, or {@link Policy#delayMillis} after the first one, whichever comes first. A server reaches
 * the fastest engine a second or two after its first token; a one-token process loads nothing.
 *
 * <pre>{@code
 * EngineTable table = new EngineTable(accpLoader, bouncyCastleLoader, EngineTable.Policy.DEFAULT);
 * List<Engine> now = table.ready(JwsAlgorithm.ES512); // the JDK's SunEC at first; schedules the loads
 * table.used();                                        // once per token: the 32nd starts the loads at once
 * }</pre>
 */
final class EngineTable {

  /**
   * When optional engines start loading.
   *
   * @param uses signatures and verifications after which the loads start at once
   * @param delayMillis how long after the first signature or verification they start anyway
   */
  record Policy(int uses, long delayMillis) {
    /** Measured in benchmarks/cold-start.sh and SwitchTime (benchmarks/README.md, "Start-up"). */
    static final Policy DEFAULT = new Policy(32, 1_000);
    /** Load as soon as asked (tests). */
    static final Policy EAGER = new Policy(0, 0);
  }

  private final Loader accp;
  private final Loader bouncyCastle;
  private final Policy policy;
  private final AtomicInteger uses = new AtomicInteger();
  /** Released early by the {@link Policy#uses}-th use; the loaders wait on it until the delay is up. */
  private final CountDownLatch hurry = new CountDownLatch(1);
  /** {@code System.nanoTime()} at the first scheduling, or 0 before. */
  private volatile long firstUse;

  EngineTable(Loader accp, Loader bouncyCastle, Policy policy) {
    this.accp = accp;
    this.bouncyCastle = bouncyCastle;
    this.policy = policy;
    if (policy.uses() <= 0) {
      hurry.countDown();
    }
  }

  /** With {@link Policy#EAGER}: loads start when first asked. */
  EngineTable(Loader accp, Loader bouncyCastle) {
    this(accp, bouncyCastle, Policy.EAGER);
  }

  /**
   * Ready engines, fastest first, the JDK's last; schedules the loads that could serve {@code alg}, never
   * waits. Bouncy Castle is only loaded for ES512, once ACCP is known to be absent.
   */
  List<Engine> ready(JwsAlgorithm alg) {
    List<Engine> engines = new ArrayList<>(3);
    Engine native_ = schedule(accp);
    if (native_ != null) {
      engines.add(native_);
    }
    if (alg == JwsAlgorithm.ES512 && (native_ != null || accp.isDone())) {
      Engine bc = native_ == null ? schedule(bouncyCastle) : bouncyCastle.readyIfLoaded();
      if (bc != null) {
        engines.add(bc);
      }
    }
    engines.add(Providers.jdk(alg));
    return engines;
  }

  /** As {@link #ready}, after the loads for {@code alg} have finished (run on this thread if none has started). */
  List<Engine> loaded(JwsAlgorithm alg) {
    hurry.countDown();
    List<Engine> engines = new ArrayList<>(3);
    Engine native_ = accp.await();
    if (native_ != null) {
      engines.add(native_);
    }
    if (alg == JwsAlgorithm.ES512) {
      Engine bc = native_ == null ? bouncyCastle.await() : bouncyCastle.readyIfLoaded();
      if (bc != null) {
        engines.add(bc);
      }
    }
    engines.add(Providers.jdk(alg));
    return engines;
  }

  /** Counts one signature or verification; the {@link Policy#uses}-th starts the scheduled loads now. */
  void used() {
    if (uses.get() < policy.uses() && uses.incrementAndGet() == policy.uses()) {
      hurry.countDown();
    }
  }

  /** Whether no load that could give {@code alg} a faster engine is pending or running. */
  boolean settled(JwsAlgorithm alg) {
    return accp.isDone() && (alg != JwsAlgorithm.ES512 || accp.readyIfLoaded() != null || bouncyCastle.isDone());
  }

  /**
   * {@link Providers#describe} for this table; never starts a load. Whether the loads are settled is read
   * before the engines, so a load that finishes in between can only make the line say "loading" once more,
   * never name the slower engine as final.
   */
  String describe(JwsAlgorithm alg) {
    boolean settled = settled(alg);
    Engine first = accp.readyIfLoaded();
    if (first == null && alg == JwsAlgorithm.ES512) {
      first = bouncyCastle.readyIfLoaded();
    }
    return alg + " → " + (first == null ? Providers.jdk(alg) : first).description() + note(settled);
  }

  /** The tail of {@link #describe}: empty, why ACCP is not signing although it is there, or what is pending. */
  String note(JwsAlgorithm alg) {
    return note(settled(alg));
  }

  private String note(boolean settled) {
    if (!settled) {
      return accp.isLoading() || bouncyCastle.isLoading() ? " (a faster engine is still loading)"
          : " (a faster engine, if present, loads once signing has gone on for a moment)";
    }
    String failure = accp.failure();
    return failure == null ? "" : " (AmazonCorrettoCryptoProvider is on the class path but did not load: " + failure + ")";
  }

  /** The loader's engine if ready; otherwise makes sure its thread is started, to load when the policy says. */
  private Engine schedule(Loader loader) {
    if (loader.isDone()) {
      return loader.readyIfLoaded();
    }
    if (firstUse == 0) {
      firstUse = System.nanoTime() | 1; // never 0
    }
    long deadline = firstUse + TimeUnit.MILLISECONDS.toNanos(policy.delayMillis());
    loader.start(() -> {
      try {
        hurry.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // load now, then let the thread end
      }
    });
    return loader.readyIfLoaded();
  }

  /** Loads one optional engine once: on a daemon thread ({@link #start}) or on the caller's ({@link #await}). */
  static final class Loader {
    private final String threadName;
    private final FutureTask<Engine> task;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Set when the load itself begins (after the policy's wait). */
    private volatile boolean loading;
    private volatile String failure;

    Loader(String threadName, Supplier<Engine> load) {
      this.threadName = threadName;
      this.task = new FutureTask<>(() -> {
        loading = true;
        try {
          return load.get();
        } catch (RuntimeException | LinkageError e) {
          failure = SafeText.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
          return null;
        }
      }) {
        @Override
        protected void done() {
          Providers.loadFinished(); // after the result is set, so whoever sees the new generation sees the engine
        }
      };
    }

    /** Starts the load on a daemon thread, once, after {@code wait} returns. */
    void start(Runnable wait) {
      if (!task.isDone() && started.compareAndSet(false, true)) {
        Providers.loaderThread(() -> {
          wait.run();
          task.run();
        }, threadName).start();
      }
    }

    /** The engine if it is loaded already; never starts a load. */
    Engine readyIfLoaded() {
      return task.isDone() ? result() : null;
    }

    /** The engine, or null when absent: waits for the load, running it here if none has started. */
    Engine await() {
      if (started.compareAndSet(false, true)) {
        task.run();
      }
      return result();
    }

    /** Whether the load has begun (and may have finished). */
    boolean isLoading() {
      return loading;
    }

    boolean isDone() {
      return task.isDone();
    }

    /** Why the engine did not load although it is on the class path; null when it loaded or is absent. */
    String failure() {
      return failure;
    }

    private Engine result() {
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      } catch (ExecutionException | CancellationException e) {
        return null;
      }
    }
  }
}
