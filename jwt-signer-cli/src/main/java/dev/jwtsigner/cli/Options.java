package dev.jwtsigner.cli;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.keys.KeySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Option groups shared by several commands (picocli mixins). */
final class Options {

  private Options() {}

  /** The two platforms. */
  enum Platform {
    atomic("Atomic SDK authentication"),
    apto("Apto signed payloads");

    final String title;

    Platform(String title) {
      this.title = title;
    }
  }

  /** {@code --at}: the instant to act at instead of now (signing, verifying, the timeline). */
  static final class At {
    @Option(names = "--at", paramLabel = "INSTANT",
        description = "Act as if now were this instant (ISO-8601, such as 2026-01-01T00:00:00Z); default: now.")
    Instant at;

    InstantSource clock(Context context) {
      return at == null ? context.clock() : InstantSource.fixed(at);
    }
  }

  /**
   * Where a passphrase comes from: an environment variable, a file, or a prompt with no echo. Never an
   * argument, which would land in the shell history and the process list.
   */
  static final class Passphrase {
    @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Read the key's passphrase from this environment variable.")
    String variable;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Read the key's passphrase from the first line of this file.")
    String file;

    @Option(names = "--ask-passphrase", description = "Ask for the key's passphrase (no echo).")
    boolean ask;

    /** The passphrase given, or null when none was asked for. */
    char[] read(BaseCommand command) {
      if (variable != null) {
        String value = command.context().env().get(variable);
        if (value == null || value.isEmpty()) {
          throw command.usage("--passphrase-env: environment variable " + variable + " is not set or empty."
              + " Fix: export it, or use --passphrase-file or --ask-passphrase.");
        }
        return value.toCharArray();
      }
      if (file != null) {
        try {
          List<String> lines = Files.readAllLines(command.context().path(file), StandardCharsets.UTF_8);
          return (lines.isEmpty() ? "" : lines.get(0)).toCharArray();
        } catch (IOException | java.io.UncheckedIOException e) {
          throw command.usage("--passphrase-file: cannot read '" + file + "' (" + e.getClass().getSimpleName()
              + "). Fix: pass a readable file whose first line is the passphrase.");
        }
      }
      if (ask) {
        return prompt(command).orElseThrow(() -> command.usage(
            "--ask-passphrase: no terminal to ask on. Fix: use --passphrase-env VAR or --passphrase-file FILE."));
      }
      return null;
    }

    private static Optional<char[]> prompt(BaseCommand command) {
      return command.context().prompt().ask("Passphrase for the key: ");
    }

    /**
     * The private key in {@code text}; when it is encrypted and no passphrase source was named, asks on the
     * terminal if there is one. The passphrase is wiped after use.
     */
    KeySource load(BaseCommand command, String text) {
      char[] passphrase = read(command);
      try {
        return KeySource.fromPemText(text, passphrase);
      } catch (JwtSignerException e) {
        if (passphrase != null || e.reason() != JwtSignerException.Reason.KEY_PASSPHRASE_REQUIRED) {
          throw e;
        }
        Optional<char[]> asked = prompt(command);
        if (asked.isEmpty()) {
          throw e;
        }
        passphrase = asked.get();
        return KeySource.fromPemText(text, passphrase);
      } finally {
        if (passphrase != null) {
          Arrays.fill(passphrase, '\0');
        }
      }
    }
  }

  /** An Atomic API key's settings. */
  static final class Atomic {
    @Option(names = "--max-expiry", paramLabel = "DURATION", converter = Durations.class,
        description = "The API key's max token expiry (default 7d).")
    Duration maxExpiry;

    @Option(names = "--allowed-issuer", paramLabel = "ISS", description = "An allowed issuer (repeatable); default: any.")
    List<String> allowedIssuers;

    @Option(names = "--user-id-claims", paramLabel = "CLAIM", split = ",",
        description = "Where the SDK looks for the user ID, in order (default atomic_sub,atomic_id,sub,id).")
    List<String> userIdClaims;

    @Option(names = "--sdk-interval", paramLabel = "DURATION", converter = Durations.class,
        description = "The SDK's expiry interval (default 60s).")
    Duration sdkInterval;

    AtomicPolicy policy() {
      AtomicPolicy.Builder b = AtomicPolicy.builder();
      if (maxExpiry != null) {
        b.maxTokenExpiry(maxExpiry);
      }
      if (allowedIssuers != null) {
        b.allowedIssuers(allowedIssuers.toArray(String[]::new));
      }
      if (userIdClaims != null) {
        b.userIdClaims(userIdClaims.toArray(String[]::new));
      }
      if (sdkInterval != null) {
        b.sdkExpiryInterval(sdkInterval);
      }
      return b.build();
    }
  }

  /** An Apto program's payload limits. */
  static final class Apto {
    @Option(names = "--max-payload-bytes", paramLabel = "N", description = "The payload size limit in UTF-8 bytes (default 65536).")
    Integer maxPayloadBytes;

    @Option(names = "--max-depth", paramLabel = "N", description = "The payload nesting limit (default 100).")
    Integer maxDepth;

    AptoPolicy.Builder policy() {
      AptoPolicy.Builder b = AptoPolicy.builder();
      if (maxPayloadBytes != null) {
        b.maxPayloadBytes(maxPayloadBytes);
      }
      if (maxDepth != null) {
        b.maxDepth(maxDepth);
      }
      return b;
    }
  }
}
