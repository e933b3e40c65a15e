package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A PEM key file that is read again when it changes on disk, for keys that a secret manager rotates in
 * place (a Kubernetes secret volume, a Vault agent template). No background thread: a call to
 * {@link #signingKey()} checks the file's modification time, size and identity at most once per check
 * interval (default 10 seconds), and parses it only when one of them changed.
 *
 * <pre>{@code
 * ReloadingKeySource keys = ReloadingKeySource.builder(Path.of("/etc/secrets/jwt/private.pem"))
 *     .keyId("key_1")
 *     .checkInterval(Duration.ofSeconds(30))
 *     .onError(e -> log.error("new JWT key refused, still signing with the old one: {}", e.getMessage()))
 *     .build();
 * keys.lastError();   // Optional<KeyRejectedException>: why the file as it is now cannot serve
 * }</pre>
 *
 * <p>The file must hold a usable key when the source is built. Afterwards a missing, half-written or
 * unusable file never fails a request: the last good key keeps signing, {@link #lastError()} reports the
 * problem and the {@code onError} listener hears of it once per change of the file. Thread-safe.
 */
public final class ReloadingKeySource implements KeySource {

  /** The check interval unless another is set. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(10);

  private record Stamp(FileTime modified, long size, Object fileKey) {}

  private record State(SigningKey key, Stamp stamp, KeyRejectedException error) {}

  private final Path file;
  private final char[] passphrase;
  private final String keyId;
  private final long intervalMillis;
  private final InstantSource clock;
  private final Consumer<? super KeyRejectedException> onError;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile State state;
  private volatile long nextCheckMillis;

  private ReloadingKeySource(Builder b) {
    this.file = b.file;
    this.passphrase = b.passphrase;
    this.keyId = b.keyId;
    this.intervalMillis = b.checkInterval.toMillis();
    this.clock = b.clock;
    this.onError = b.onError;
    Stamp stamp = stamp().orElse(null);
    this.state = new State(load(), stamp, null);
    this.nextCheckMillis = clock.millis() + intervalMillis;
  }

  /** A builder for {@code file}. */
  public static Builder builder(Path file) {
    return new Builder(KeyChecks.requireArgument(file, "file", "pass the path of the PEM key file"), null, null, DEFAULT_CHECK_INTERVAL, Clock.systemUTC(), e -> { });
  }

  /**
   * A source for {@code file}, checked at most every {@code checkInterval} as measured by {@code clock}.
   *
   * @throws KeyRejectedException if the file cannot serve now
   */
  public static ReloadingKeySource of(Path file, Duration checkInterval, InstantSource clock) {
    return builder(file).checkInterval(checkInterval).clock(clock).build();
  }

  /** The key from the newest usable version of the file. */
  @Override
  public SigningKey signingKey() {
    long now = clock.millis();
    if (now >= nextCheckMillis && lock.tryLock()) {
      try {
        if (now >= nextCheckMillis) {
          nextCheckMillis = now + intervalMillis;
          check();
        }
      } finally {
        lock.unlock();
      }
    }
    return state.key();
  }

  /**
   * Why the file as it was last seen cannot serve (so an older key still signs), or empty when the last
   * version read is the one in use.
   */
  public Optional<KeyRejectedException> lastError() {
    return Optional.ofNullable(state.error());
  }

  /** The watched file. */
  public Path file() {
    return file;
  }

  @Override
  public String toString() {
    return "ReloadingKeySource[" + file + ", " + state.key() + (state.error() == null ? "" : ", last reload refused") + "]";
  }

  private void check() {
    State current = state;
    Optional<Stamp> seen = stamp();
    if (seen.isEmpty()) {
      fail(current, null, new KeyRejectedException(Reason.KEY_FILE_UNREADABLE,
          "key file " + file + " has disappeared; still signing with the key read before."
              + " Fix: put the key file back, or replace it in one step (write a new file, then rename it)."));
      return;
    }
    if (seen.get().equals(current.stamp())) {
      return;
    }
    try {
      state = new State(load(), seen.get(), null);
    } catch (KeyRejectedException e) {
      fail(current, seen.get(), e);
    }
  }

  private void fail(State current, Stamp stamp, KeyRejectedException error) {
    if (current.error() != null && Objects.equals(current.stamp(), stamp)) {
      return; // already reported for this version of the file
    }
    state = new State(current.key(), stamp, error);
    try {
      onError.accept(error);
    } catch (RuntimeException listenerFailure) {
      error.addSuppressed(listenerFailure);
    }
  }

  private SigningKey load() {
    SigningKey key = SigningKey.of(PemKeys.readPrivateKey(PemKeys.readFile(file), passphrase, "key file " + file));
    return keyId == null ? key : key.withKeyId(keyId);
  }

  private Optional<Stamp> stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return Optional.of(new Stamp(a.lastModifiedTime(), a.size(), a.fileKey()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Settings of a {@link ReloadingKeySource}. Immutable: every method returns a new builder.
   *
   * <pre>{@code
   * ReloadingKeySource keys = ReloadingKeySource.builder(path).passphrase(pass).keyId("key_1").build();
   * }</pre>
   */
  public static final class Builder {

    private final Path file;
    private final char[] passphrase;
    private final String keyId;
    private final Duration checkInterval;
    private final InstantSource clock;
    private final Consumer<? super KeyRejectedException> onError;

    private Builder(Path file, char[] passphrase, String keyId, Duration checkInterval, InstantSource clock,
        Consumer<? super KeyRejectedException> onError) {
      this.file = file;
      this.passphrase = passphrase;
      this.keyId = keyId;
      this.checkInterval = checkInterval;
      this.clock = clock;
      this.onError = onError;
    }

    /** The passphrase of an encrypted key file; a copy is kept to decrypt each new version. */
    public Builder passphrase(char[] passphrase) {
      return new Builder(file, passphrase == null ? null : passphrase.clone(), keyId, checkInterval, clock, onError);
    }

    /** The kid of every key this source returns. */
    public Builder keyId(String keyId) {
      return new Builder(file, passphrase, KeyChecks.requireKeyId(keyId), checkInterval, clock, onError);
    }

    /** How often at most the file is checked; zero checks on every call. */
    public Builder checkInterval(Duration checkInterval) {
      if (checkInterval == null || checkInterval.isNegative()) {
        throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
            "checkInterval is " + (checkInterval == null ? "null" : checkInterval) + ". Fix: pass zero or a positive"
                + " Duration, such as Duration.ofSeconds(10).");
      }
      return new Builder(file, passphrase, keyId, checkInterval, clock, onError);
    }

    /** The clock that times the checks (a test clock in tests). */
    public Builder clock(InstantSource clock) {
      return new Builder(file, passphrase, keyId, checkInterval, KeyChecks.requireArgument(clock, "clock", "pass an InstantSource, such as Clock.systemUTC()"), onError);
    }

    /**
     * Told once about each new version of the file that cannot serve. Runs on the thread that called
     * {@code signingKey()}; what it throws is attached to the error as suppressed, never thrown to that caller.
     */
    public Builder onError(Consumer<? super KeyRejectedException> onError) {
      return new Builder(file, passphrase, keyId, checkInterval, clock, KeyChecks.requireArgument(onError, "onError", "pass a listener, such as e -> log.error(\"{}\", e.getMessage())"));
    }

    /**
     * Reads the file now.
     *
     * @throws KeyRejectedException if it is missing or holds no usable private key
     */
    public ReloadingKeySource build() {
      return new ReloadingKeySource(this);
    }
  }
}
