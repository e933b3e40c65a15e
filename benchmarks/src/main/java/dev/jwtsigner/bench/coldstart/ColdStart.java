package dev.jwtsigner.bench.coldstart;

import dev.jwtsigner.bench.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * What the cold-start programs share: their arguments ({@code RS256|RS512|ES512 <private-key.pem>}) and the
 * raw JCA way to load a PKCS#8 PEM key, which the peers without a PEM reader of their own use. Loads
 * nothing beyond the JDK.
 */
final class ColdStart {

  final String algorithm;
  final Path keyFile;

  private ColdStart(String algorithm, Path keyFile) {
    this.algorithm = algorithm;
    this.keyFile = keyFile;
  }

  static ColdStart parse(String[] args) {
    if (args.length != 2 || !args[0].matches("RS256|RS512|ES512")) {
      throw new IllegalArgumentException("usage: <main class> RS256|RS512|ES512 <private-key.pem>");
    }
    return new ColdStart(args[0], Path.of(args[1]));
  }

  boolean isEc() {
    return algorithm.startsWith("ES");
  }

  String pemText() throws IOException {
    return Files.readString(keyFile);
  }

  /** The key through {@code KeyFactory} and the Base64 decoder alone. */
  PrivateKey jcaPrivateKey() throws IOException, GeneralSecurityException {
    return KeyFactory.getInstance(isEc() ? "EC" : "RSA").generatePrivate(new PKCS8EncodedKeySpec(Pem.body(pemText())));
  }
}
