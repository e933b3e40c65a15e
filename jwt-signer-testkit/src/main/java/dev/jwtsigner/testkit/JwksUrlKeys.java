package dev.jwtsigner.testkit;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.TrustedKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of a JWKS URL, fetched the way a platform fetches them for an API key of type JWKS: over HTTP,
 * kept for the response's {@code Cache-Control: max-age} (or {@link #DEFAULT_MAX_AGE} without one; none for
 * {@code no-store} or {@code no-cache}), fetched again early when a token names a kid the cached set lacks,
 * but at most once per {@link #REFETCH_INTERVAL}. A failed fetch never throws: it becomes a violation naming
 * the URL and what went wrong, and the keys fetched before stay in use. Thread-safe; time is the
 * verifier's clock, so a {@link TestClock} steps through cache expiry.
 *
 * <pre>{@code
 * Verdict v = AtomicPlatformVerifier.create(policy).trust(URI.create("http://127.0.0.1:8080/.well-known/jwks.json"))
 *     .clock(clock).verify(token);
 * }</pre>
 */
final class JwksUrlKeys {

  /** How long a response without {@code max-age} is kept. */
  static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
  /** The shortest time between two fetches made because of an unknown kid. */
  static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);
  /** The largest JWKS read, in bytes. */
  static final int MAX_BYTES = 1 << 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})\"?");

  /** The keys as last fetched (empty before the first good fetch), and the last fetch's problem, if any. */
  record Keys(List<TrustedKey> keys, Violation problem) {}

  private record State(List<TrustedKey> keys, Instant expires, Instant lastFetch, Violation problem) {}

  private final URI uri;
  private final HttpClient http;
  private State state;

  JwksUrlKeys(URI uri) {
    this.uri = uri;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** The keys to verify with at {@code now}, fetched first when none are cached or the cached ones expired. */
  synchronized Keys keys(Instant now) {
    if (state == null || !now.isBefore(state.expires())) {
      fetch(now);
    }
    return new Keys(state.keys(), state.problem());
  }

  /**
   * Fetches again because a token named a kid the cached set lacks, unless the last fetch is less than
   * {@link #REFETCH_INTERVAL} ago.
   *
   * @return whether it fetched
   */
  synchronized boolean refetchForUnknownKid(Instant now) {
    if (state != null && now.isBefore(state.lastFetch().plus(REFETCH_INTERVAL))) {
      return false;
    }
    fetch(now);
    return true;
  }

  URI uri() {
    return uri;
  }

  /**
   * Decodes {@code token} with the {@code fixed} keys and every URL's keys at {@code now}; when its kid is
   * unknown, fetches the URLs again (each at most once per interval) and decodes once more. The URLs' fetch
   * problems are added to {@code problems} when the token's signature was not verified.
   */
  static DecodedJws decode(JwsDecoder decoder, String token, List<TrustedKey> fixed, List<JwksUrlKeys> urls, Instant now,
      List<Violation> problems) {
    List<Violation> seen = new ArrayList<>();
    DecodedJws jws = decoder.decode(token, collect(fixed, urls, now, seen));
    if (hasUnknownKid(jws)) {
      boolean refetched = false;
      for (JwksUrlKeys url : urls) {
        refetched |= url.refetchForUnknownKid(now);
      }
      if (refetched) {
        seen.clear();
        jws = decoder.decode(token, collect(fixed, urls, now, seen));
      }
    }
    if (!jws.signatureValid()) {
      problems.addAll(seen);
    }
    return jws;
  }

  private static List<TrustedKey> collect(List<TrustedKey> fixed, List<JwksUrlKeys> urls, Instant now, List<Violation> problems) {
    List<TrustedKey> all = new ArrayList<>(fixed);
    for (JwksUrlKeys url : urls) {
      Keys k = url.keys(now);
      all.addAll(k.keys());
      if (k.problem() != null) {
        problems.add(k.problem());
      }
    }
    return all;
  }

  private static boolean hasUnknownKid(DecodedJws jws) {
    for (Violation v : jws.violations()) {
      if (v.rule() == Rule.KEY_ID_UNKNOWN) {
        return true;
      }
    }
    return false;
  }

  private void fetch(Instant now) {
    List<TrustedKey> previous = state == null ? List.of() : state.keys();
    try {
      HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BYTES + 1);
      }
      if (response.statusCode() != 200) {
        failed(now, previous, "answered HTTP " + response.statusCode() + " instead of 200 with the key set");
        return;
      }
      if (body.length > MAX_BYTES) {
        failed(now, previous, "sent more than " + MAX_BYTES + " bytes, too large for a key set");
        return;
      }
      List<TrustedKey> keys = parse(new String(body, StandardCharsets.UTF_8));
      Duration maxAge = maxAge(response.headers().firstValue("Cache-Control").orElse(null));
      state = new State(keys, now.plus(maxAge), now, null);
    } catch (JwksProblem e) {
      failed(now, previous, e.getMessage());
    } catch (IOException e) {
      failed(now, previous, "could not be fetched (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed(now, previous, "could not be fetched (interrupted)");
    } catch (IllegalArgumentException e) {
      failed(now, previous, "is not a URL the HTTP client can fetch (" + e.getMessage() + ")");
    }
  }

  /** Keeps the keys fetched before, tries again on the next call, and reports {@code problem}. */
  private void failed(Instant now, List<TrustedKey> previous, String problem) {
    state = new State(previous, now, now, Violation.of("jwks", Rule.KEY_ID_UNKNOWN,
        "the JWKS at " + uri + " " + problem + (previous.isEmpty() ? ", so no key is known." : "; the keys fetched before are used."),
        "serve the key set there with Content-Type application/json (JwksPublisher.httpHandler), or trust the right URL."));
  }

  private static List<TrustedKey> parse(String text) throws JwksProblem {
    JWKSet set;
    try {
      set = JWKSet.parse(text);
    } catch (ParseException e) {
      throw new JwksProblem("sent a body that is not a JWKS (RFC 7517: {\"keys\":[...]})");
    }
    List<TrustedKey> keys = new ArrayList<>();
    for (JWK jwk : set.getKeys()) {
      if (jwk.isPrivate()) {
        throw new JwksProblem("publishes private key material (kid " + jwk.getKeyID() + "); a platform refuses such a key set");
      }
      try {
        keys.add(TrustedKey.fromJwk(jwk));
      } catch (JwtSignerException e) {
        throw new JwksProblem("lists a key it cannot use: " + e.getMessage());
      }
    }
    if (keys.isEmpty()) {
      throw new JwksProblem("lists no key");
    }
    return List.copyOf(keys);
  }

  /** The {@code max-age} of a {@code Cache-Control} value: zero for no-store or no-cache, the default without one. */
  static Duration maxAge(String cacheControl) {
    if (cacheControl == null) {
      return DEFAULT_MAX_AGE;
    }
    String value = cacheControl.toLowerCase(Locale.ROOT);
    if (value.contains("no-store") || value.contains("no-cache")) {
      return Duration.ZERO;
    }
    Matcher m = MAX_AGE.matcher(value);
    return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : DEFAULT_MAX_AGE;
  }

  /** A fetched body or answer that is no usable key set; its message completes "the JWKS at URL ...". */
  private static final class JwksProblem extends Exception {
    private static final long serialVersionUID = 1L;

    JwksProblem(String message) {
      super(message);
    }
  }
}
