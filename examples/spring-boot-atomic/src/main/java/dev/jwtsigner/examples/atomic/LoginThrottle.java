package dev.jwtsigner.examples.atomic;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps wrong passwords from taking the CPU that logged-in users' token requests need. A password check is a
 * deliberately slow hash (bcrypt, ~80 ms), so before it runs: a client (remote address and user name) with
 * {@code maxFailures} failed logins in the current {@code window} gets {@code 429} with {@code Retry-After} until
 * the window ends; and at most half the cores check passwords at once, the rest of the logins get {@code 429}
 * with {@code Retry-After: 1}. A successful login clears the client's count. Only {@code POST /login} passes
 * through here; token requests use the session and never hash a password.
 */
class LoginThrottle extends OncePerRequestFilter {

  /** Entries kept before stale ones are swept, so a flood of made-up user names cannot fill the memory. */
  static final int MAX_CLIENTS = 100_000;

  private record Window(long startMillis, int failures) {}

  private final int maxFailures;
  private final long windowMillis;
  private final Semaphore checks;
  private final InstantSource clock;
  private final ConcurrentHashMap<String, Window> clients = new ConcurrentHashMap<>();

  LoginThrottle(int maxFailures, Duration window, int cores, InstantSource clock) {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("login.throttle.max-failures must be at least 1 and login.throttle.window"
          + " positive. Fix: use values such as 5 and 1m.");
    }
    this.maxFailures = maxFailures;
    this.windowMillis = window.toMillis();
    this.checks = new Semaphore(Math.max(1, cores / 2));
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String client = request.getRemoteAddr() + " " + userName(request.getHeader("Authorization"));
    long now = clock.millis();
    Window seen = clients.get(client);
    if (seen != null && now - seen.startMillis() < windowMillis && seen.failures() >= maxFailures) {
      refuse(response, (seen.startMillis() + windowMillis - now + 999) / 1000);
      return;
    }
    if (!checks.tryAcquire()) {
      refuse(response, 1);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      checks.release();
    }
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      clients.merge(client, new Window(now, 1), (old, one) -> now - old.startMillis() < windowMillis
          ? new Window(old.startMillis(), old.failures() + 1) : one);
      sweep(now);
    } else if (response.getStatus() < 400 && seen != null) {
      clients.remove(client);
    }
  }

  /** How many clients have failed logins on record. */
  int clients() {
    return clients.size();
  }

  private void sweep(long now) {
    if (clients.size() > MAX_CLIENTS) {
      clients.values().removeIf(w -> now - w.startMillis() >= windowMillis);
    }
  }

  private static void refuse(HttpServletResponse response, long retryAfterSeconds) throws IOException {
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    response.setContentType("application/json");
    response.getWriter().write("{\"error\":\"too many login attempts\"}");
  }

  /** The user name of a Basic header (not checked here), or empty; only used to count failures. */
  static String userName(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return "";
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
