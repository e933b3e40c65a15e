package dev.jwtsigner.examples.apto;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the JDK's HTTP server needs to hold under load, in one place: its settings (system properties, which
 * it reads once per process, when the first server is created) and the two thread pools.
 *
 * <p>The JDK's server reads a request's line, headers and body on a thread of its executor, so a slow
 * client holds that thread until the request time-out closes its connection. The exchange pool therefore
 * grows with the connections (at most {@code maxConnections}, threads that mostly wait on a socket), and
 * the CPU work runs on a separate signing pool sized for the machine, whose bounded queue turns overload
 * into {@code 503} rather than latency.
 */
final class JdkServerSettings {

  private JdkServerSettings() {}

  /**
   * Sets the JDK server's properties from {@code limits}. Only the first server of a process gets them:
   * the JDK reads them once.
   */
  static void apply(Limits limits) {
    // without TCP_NODELAY every kept-alive answer waits ~40 ms (Nagle's algorithm meets the client's delayed ACK)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    System.setProperty("jdk.httpserver.maxConnections", Integer.toString(limits.maxConnections()));
    System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(limits.requestTimeout().toSeconds()));
    System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(limits.responseTimeout().toSeconds()));
    System.setProperty("sun.net.httpserver.idleInterval", Long.toString(limits.idleTimeout().toSeconds()));
    System.setProperty("sun.net.httpserver.maxReqHeaderSize", Integer.toString(limits.maxHeaderBytes()));
    // how often the time-outs are checked (default 1 s): a tenth of a second past the limit at most
    System.setProperty("sun.net.httpserver.timerMillis", "100");
  }

  /**
   * The threads that read requests and write answers: one per busy connection, idle ones end after 10 s.
   * Never refuses (more exchanges than connections cannot run at once; the margin covers a thread that is
   * still returning to the pool).
   */
  static ExecutorService exchangePool(Limits limits) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(limits.signerThreads(), limits.maxConnections() + 64, 10,
        TimeUnit.SECONDS, new SynchronousQueue<>(), named("signing-server-io"), new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The threads that sign: {@code signerThreads}, with at most {@code queueLength} jobs waiting. */
  static ThreadPoolExecutor signingPool(Limits limits) {
    return new ThreadPoolExecutor(limits.signerThreads(), limits.signerThreads(), 0, TimeUnit.SECONDS,
        limits.queueLength() == 0 ? new SynchronousQueue<>() : new LinkedBlockingQueue<>(limits.queueLength()),
        named("signing-server-signer"), new ThreadPoolExecutor.AbortPolicy());
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
