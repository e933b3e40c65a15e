package dev.jwtsigner.cli;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.cli.Options.Platform;
import dev.jwtsigner.keys.KeyPairs;
import dev.jwtsigner.keys.PublicKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keygen}: a key pair in every upload-ready form, and what to paste where. */
final class KeygenCommand extends BaseCommand {

  KeygenCommand(JwtSignerCli root) {
    super(root, "keygen", "Make a key pair and write it in every upload-ready form, then say what to paste where.",
        "Writes private.pem (PKCS#8, rw-------), public.pem (SPKI), public-rsa.pem (PKCS#1, RSA only),",
        "public.jwk.json (kid = RFC 7638 thumbprint) and jwks.json; never overwrites a private key.");
  }

  @Override
  void define(CommandSpec spec) {
    spec.addOption(option("--platform", "atomic|apto", "Where the public key goes.").type(Platform.class).required(true).build());
    spec.addOption(option("--alg", "RS256|RS512|ES512", "The algorithm (default RS256; Apto takes RS256 only).")
        .initialValue("RS256").build());
    spec.addOption(option("--bits", "N", "RSA key size (default 2048 for RS256, 4096 for RS512).").type(Integer.class).build());
    spec.addOption(option("--out", "DIR", "The folder to write (default keys-out; created if missing).").initialValue("keys-out").build());
    spec.addOption(option("--kid", "KID", "Apto: the kid you register the key under (default key_1).").initialValue("key_1").build());
  }

  @Override
  public Integer call() {
    Platform platform = platform();
    String algorithm = value("--alg");
    Integer bits = value("--bits");
    JwsAlgorithm alg = JwsAlgorithm.fromJoseName(algorithm)
        .orElseThrow(() -> usage("--alg must be RS256, RS512 or ES512."));
    if (platform == Platform.apto && alg != AptoPolicy.ALGORITHM) {
      throw usage("--platform apto signs with " + AptoPolicy.ALGORITHM + " only. Fix: drop --alg, or pass --alg RS256.");
    }
    int size = bits != null ? bits : alg == JwsAlgorithm.RS512 ? 4096 : alg == JwsAlgorithm.ES512 ? 521 : 2048;
    KeyPair pair = generate(alg, size);
    Path folder = context().path(value("--out")).toAbsolutePath().normalize();
    List<Path> written = KeyPairs.writeFiles(pair, folder);
    boolean rsa = pair.getPublic() instanceof RSAPublicKey;
    String upload = platform == Platform.apto ? KeyPairs.PUBLIC_KEY_FILE
        : rsa ? KeyPairs.RSA_PUBLIC_KEY_FILE : KeyPairs.PUBLIC_KEY_FILE;
    String thumbprint = PublicKeys.thumbprint(pair.getPublic());
    if (json()) {
      Map<String, Object> answer = Json.object();
      answer.put("platform", platform.name());
      answer.put("algorithm", alg.name());
      answer.put("key", KeyFacts.describe(pair.getPublic()));
      answer.put("thumbprint", thumbprint);
      answer.put("folder", folder.toString());
      List<String> names = new ArrayList<>();
      written.forEach(p -> names.add(p.getFileName().toString()));
      answer.put("files", names);
      answer.put("upload", upload);
      answer.put("uploadText", read(folder.resolve(upload)));
      answer.put("where", where(rsa));
      printJson(answer);
      return 0;
    }
    var o = out();
    o.println("Made a key pair (" + KeyFacts.describe(pair.getPublic()) + ") for " + alg + " in " + folder + ":");
    for (Path file : written) {
      o.printf("  %-16s %s%n", file.getFileName(), what(file.getFileName().toString(), thumbprint));
    }
    o.println();
    o.println("Keep private.pem secret; never upload it. Sign with it:");
    o.println(platform == Platform.apto
        ? "  jwt-signer sign payload --key " + folder.resolve(KeyPairs.PRIVATE_KEY_FILE) + " --kid " + kid() + " body.json"
        : "  jwt-signer sign atomic --key " + folder.resolve(KeyPairs.PRIVATE_KEY_FILE) + " --alg " + alg + " --sub USER_ID");
    o.println();
    o.println(platform.title + ": " + where(rsa));
    o.println("Paste this (" + upload + "):");
    o.print(read(folder.resolve(upload)));
    return 0;
  }

  private String where(boolean rsa) {
    if (platform() == Platform.apto) {
      return "register " + KeyPairs.PUBLIC_KEY_FILE + " as a signed-payload public key under kid \"" + kid()
          + "\" (one per environment; at most two at a time, for rotation).";
    }
    return "paste " + (rsa ? KeyPairs.RSA_PUBLIC_KEY_FILE + " (or " + KeyPairs.PUBLIC_KEY_FILE + ")" : KeyPairs.PUBLIC_KEY_FILE)
        + " into the public key setting of your API key, or publish " + KeyPairs.JWKS_FILE + " as its JWKS.";
  }

  private static String what(String name, String thumbprint) {
    return switch (name) {
      case KeyPairs.PRIVATE_KEY_FILE -> "private key, PKCS#8 PEM, readable by you only";
      case KeyPairs.PUBLIC_KEY_FILE -> "public key, SPKI PEM (-----BEGIN PUBLIC KEY-----)";
      case KeyPairs.RSA_PUBLIC_KEY_FILE -> "public key, PKCS#1 PEM (-----BEGIN RSA PUBLIC KEY-----)";
      case KeyPairs.JWK_FILE -> "public key as a JWK, kid " + thumbprint + " (RFC 7638 thumbprint)";
      default -> "JWKS holding that JWK";
    };
  }

  /** Generates the pair; an RSA key of 3072 bits or more takes seconds, so stderr shows that work goes on. */
  private KeyPair generate(JwsAlgorithm alg, int size) {
    if (alg == JwsAlgorithm.ES512 || size < 3072) {
      return KeyPairs.generate(alg, size);
    }
    var err = err();
    err.print("Generating a " + size + "-bit RSA key pair (this takes a few seconds) ");
    err.flush();
    long start = System.nanoTime();
    Thread dots = new Thread(() -> {
      try {
        while (true) {
          Thread.sleep(500);
          err.print('.');
          err.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "keygen-progress");
    dots.setDaemon(true);
    dots.start();
    try {
      return KeyPairs.generate(alg, size);
    } finally {
      dots.interrupt();
      try {
        dots.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      err.printf(" done in %.1f s%n", (System.nanoTime() - start) / 1e9);
      err.flush();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Platform platform() {
    return value("--platform");
  }

  private String kid() {
    return value("--kid");
  }
}
