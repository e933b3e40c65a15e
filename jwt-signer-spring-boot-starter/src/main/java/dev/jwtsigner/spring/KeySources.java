package dev.jwtsigner.spring;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.ReloadingKeySource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.io.Resource;

/** Makes a key source from {@code private-key} / {@code private-key-pem}, {@code passphrase}, {@code key-id}, {@code reload-interval}. */
final class KeySources {

  private static final Log LOG = LogFactory.getLog(KeySources.class);

  private KeySources() {}

  static KeySource create(String prefix, Resource file, String pem, String passphrase, String keyId, Duration reloadInterval) {
    char[] pass = passphrase == null || passphrase.isEmpty() ? null : passphrase.toCharArray();
    if (file != null && pem != null) {
      throw InvalidPropertyException.invalid(prefix + ".private-key-pem", "both private-key and private-key-pem are set."
          + " Fix: set one of them: private-key for a file, private-key-pem for PEM text.");
    }
    if (reloadInterval != null) {
      return reloading(prefix, file, pass, keyId, reloadInterval);
    }
    KeySource source = file != null
        ? load(prefix, ".private-key", () -> KeySource.fromPemText(read(prefix + ".private-key", file), pass))
        : load(prefix, ".private-key-pem", () -> KeySource.fromPemText(pem, pass));
    return keyId == null ? source : InvalidPropertyException.check(prefix + ".key-id", () -> source.withKeyId(keyId));
  }

  /** A reloading source, with its kid set on the builder so that health checks still see the reloading source. */
  private static ReloadingKeySource reloading(String prefix, Resource file, char[] pass, String keyId, Duration interval) {
    if (file == null) {
      throw InvalidPropertyException.invalid(prefix + ".reload-interval", "reloading needs a key file, but the key is"
          + " PEM text. Fix: set private-key to a file: resource, or remove reload-interval.");
    }
    Path path = path(prefix, file);
    ReloadingKeySource.Builder b = InvalidPropertyException.check(prefix + ".reload-interval",
        () -> ReloadingKeySource.builder(path).checkInterval(interval));
    if (keyId != null) {
      ReloadingKeySource.Builder unnamed = b;
      b = InvalidPropertyException.check(prefix + ".key-id", () -> unnamed.keyId(keyId));
    }
    ReloadingKeySource.Builder configured = (pass == null ? b : b.passphrase(pass))
        .onError(e -> LOG.error(prefix + ": the changed key file was refused; the last good key keeps signing: " + e.getMessage()));
    return load(prefix, ".private-key", configured::build);
  }

  /** Loads a key; a missing or wrong passphrase is the passphrase property's fault, anything else the key's. */
  private static <T> T load(String prefix, String keyProperty, Supplier<T> step) {
    try {
      return InvalidPropertyException.check(prefix + keyProperty, step);
    } catch (InvalidPropertyException e) {
      if (e.reason() == Reason.KEY_PASSPHRASE_WRONG || e.reason() == Reason.KEY_PASSPHRASE_REQUIRED) {
        throw new InvalidPropertyException(prefix + ".passphrase", e.reason(), e.getMessage().substring(e.property().length() + 2), e.getCause());
      }
      throw e;
    }
  }

  private static Path path(String prefix, Resource file) {
    if (!file.isFile()) {
      throw InvalidPropertyException.invalid(prefix + ".private-key", file.getDescription() + " is not a file on disk, so"
          + " it cannot be watched for changes. Fix: point private-key at a file: resource, or remove reload-interval.");
    }
    try {
      return file.getFile().toPath();
    } catch (IOException e) {
      throw InvalidPropertyException.invalid(prefix + ".private-key", file.getDescription() + " cannot be opened as a file."
          + " Fix: point private-key at a file: resource.");
    }
  }

  /** The text of a key or public-key resource, or an exception naming the property. */
  static String read(String property, Resource resource) {
    if (!resource.exists()) {
      throw new InvalidPropertyException(property, Reason.KEY_FILE_UNREADABLE, resource.getDescription() + " does not exist."
          + " Fix: point it at the PEM file (file:/path/key.pem or classpath:key.pem).", null);
    }
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readNBytes(1 << 20), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidPropertyException(property, Reason.KEY_FILE_UNREADABLE, resource.getDescription() + " cannot be read ("
          + e.getClass().getSimpleName() + "). Fix: check that the file exists and that this process may read it.", null);
    }
  }
}
