package dev.jwtsigner.catalogue;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Proves that secrets never leave: a JUnit extension that collects every text the library produces while a
 * test class runs — the exception messages, {@code toString()}s, verdicts and response bodies the tests hand
 * to {@link #record(Object)}, and every {@code java.util.logging} / {@code System.Logger} line (a handler on
 * the root logger, at level ALL, for the class's duration) — and fails the test (row) whose texts contain a
 * forbidden secret: private-key PEM body lines, RSA modulus, private exponent and CRT values or the EC private
 * scalar (decimal, hex, and base64 / base64url at every byte alignment), the sentinel passphrase and the
 * sentinel claim value.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LeakWatch LEAKS = LeakWatch.forbidding().key("rsa2048", privateKey).pem("rsa2048.pem", pemText);
 * ...
 * LeakWatch.record(exception);
 * }</pre>
 */
public final class LeakWatch implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  /** A claim value every row that takes claims carries; it must never appear in a message. */
  public static final String CLAIM_SENTINEL = "SENTINEL-CLAIM-7f3a";
  /** A passphrase every row that takes one uses; it must never appear in a message. */
  public static final String PASSPHRASE_SENTINEL = "SENTINEL-PASS-9c1e";

  private static final int MIN_PEM_LINE = 16;
  private static volatile LeakWatch current;

  private final Map<String, String> forbidden; // secret text (lower case for hex) -> what it is
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  private final Handler handler = new Collector();
  private Level rootLevel;

  private LeakWatch(Map<String, String> forbidden) {
    this.forbidden = forbidden;
  }

  /** A watch for the two sentinels; add key material with {@link #key} and {@link #pem}. */
  public static LeakWatch forbidding() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put(CLAIM_SENTINEL, "the sentinel claim value");
    secrets.put(PASSPHRASE_SENTINEL, "the sentinel passphrase");
    return new LeakWatch(secrets);
  }

  /** Also forbids {@code secret} itself, described as {@code what}. */
  public LeakWatch text(String what, String secret) {
    Map<String, String> next = new LinkedHashMap<>(forbidden);
    next.put(secret, what);
    return new LeakWatch(next);
  }

  /** Also forbids every base64 body line of the PEM (or OpenSSH) text {@code pem}. */
  public LeakWatch pem(String name, String pem) {
    Map<String, String> next = new LinkedHashMap<>(forbidden);
    pem.lines().map(String::strip)
        .filter(line -> line.length() >= MIN_PEM_LINE && !line.startsWith("-----") && !line.contains(":"))
        .forEach(line -> next.put(line, "a PEM body line of " + name));
    return new LeakWatch(next);
  }

  /** Also forbids the private numbers of {@code key} (RSA: n, d, p, q, dP, dQ, qInv; EC: s) in every encoding. */
  public LeakWatch key(String name, PrivateKey key) {
    Map<String, String> next = new LinkedHashMap<>(forbidden);
    if (key instanceof RSAPrivateCrtKey crt) {
      number(next, name + " RSA modulus", crt.getModulus());
      number(next, name + " RSA private exponent", crt.getPrivateExponent());
      number(next, name + " RSA prime p", crt.getPrimeP());
      number(next, name + " RSA prime q", crt.getPrimeQ());
      number(next, name + " RSA dP", crt.getPrimeExponentP());
      number(next, name + " RSA dQ", crt.getPrimeExponentQ());
      number(next, name + " RSA qInv", crt.getCrtCoefficient());
    } else if (key instanceof RSAPrivateKey rsa) {
      number(next, name + " RSA modulus", rsa.getModulus());
      number(next, name + " RSA private exponent", rsa.getPrivateExponent());
    } else if (key instanceof ECPrivateKey ec) {
      number(next, name + " EC private scalar", ec.getS());
    } else {
      throw new IllegalArgumentException("no numbers known for " + key.getAlgorithm());
    }
    return new LeakWatch(next);
  }

  /**
   * Collects the texts of {@code o} for the running watch: for a throwable, the message and {@code toString()}
   * of it, its causes and suppressed exceptions; for anything else its {@code toString()}. Returns {@code o}.
   */
  public static <T> T record(T o) {
    LeakWatch watch = current;
    if (watch != null && o != null) {
      watch.seen.addAll(texts(o));
    }
    return o;
  }

  /** What {@link #record(Object)} collects from {@code o}. */
  static List<String> texts(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof Throwable t) {
      Set<Throwable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
      List<Throwable> todo = new ArrayList<>(List.of(t));
      while (!todo.isEmpty()) {
        Throwable next = todo.remove(todo.size() - 1);
        if (!visited.add(next)) {
          continue;
        }
        out.add(String.valueOf(next.getMessage()));
        out.add(next.toString());
        if (next.getCause() != null) {
          todo.add(next.getCause());
        }
        todo.addAll(Arrays.asList(next.getSuppressed()));
      }
    } else {
      out.add(o.toString());
    }
    return out;
  }

  /** Each forbidden secret found in {@code texts}, described (never quoted). */
  public List<String> leaksIn(List<String> texts) {
    List<String> leaks = new ArrayList<>();
    for (String text : texts) {
      String lower = text.toLowerCase(Locale.ROOT);
      forbidden.forEach((secret, what) -> {
        if (text.contains(secret) || lower.contains(secret)) {
          leaks.add(what + " in a text of " + text.length() + " characters starting \""
              + text.substring(0, Math.min(80, text.length())).replace('\n', ' ') + "\"");
        }
      });
    }
    return leaks;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    current = this;
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> texts;
    synchronized (seen) {
      texts = new ArrayList<>(seen);
      seen.clear();
    }
    List<String> leaks = leaksIn(texts);
    if (!leaks.isEmpty()) {
      fail("secrets left through messages, toString() or log lines:\n  " + String.join("\n  ", leaks));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Logger root = Logger.getLogger("");
    root.removeHandler(handler);
    root.setLevel(rootLevel);
    current = null;
  }

  /** How many texts are waiting for the next check (for the watch's own tests). */
  int pending() {
    return seen.size();
  }

  private static void number(Map<String, String> into, String what, BigInteger value) {
    into.put(value.toString(), what + " (decimal)");
    into.put(value.toString(16), what + " (hex)");
    byte[] magnitude = value.toByteArray();
    if (magnitude.length > 1 && magnitude[0] == 0) {
      magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
    }
    // a number inside a longer base64 text is encoded at one of three byte alignments
    for (int skip = 0; skip < 3; skip++) {
      int usable = (magnitude.length - skip) / 3 * 3;
      byte[] aligned = Arrays.copyOfRange(magnitude, skip, skip + usable);
      into.put(Base64.getEncoder().withoutPadding().encodeToString(aligned), what + " (base64)");
      into.put(Base64.getUrlEncoder().withoutPadding().encodeToString(aligned), what + " (base64url)");
    }
  }

  private final class Collector extends Handler {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      seen.add(record.getLoggerName() + ": " + formatter.formatMessage(record));
      if (record.getThrown() != null) {
        seen.addAll(texts(record.getThrown()));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
