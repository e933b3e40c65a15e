package dev.jwtsigner.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says which fake key {@link JwtSignerExtension} injects into a {@link FakeKeyPair} parameter; without it,
 * the parameter gets {@link FakeKeys#rsa2048()}.
 *
 * <pre>{@code
 * @ExtendWith(JwtSignerExtension.class)
 * class MyTest {
 *   @Test
 *   void signsEs512(@FakeKey(FakeKey.Type.P521) FakeKeyPair key, @FakeKey(index = 2) FakeKeyPair otherRsa) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface FakeKey {

  /** The kind of fake key pair. */
  enum Type {
    /** RSA, 2048 bits: {@link FakeKeys#rsa2048(int)}. */
    RSA_2048("rsa2048"),
    /** RSA, 4096 bits: {@link FakeKeys#rsa4096(int)}. */
    RSA_4096("rsa4096"),
    /** EC on P-521, for ES512: {@link FakeKeys#p521(int)}. */
    P521("p521");

    private final String fileName;

    Type(String fileName) {
      this.fileName = fileName;
    }

    /** The stem of this type's resource files and default kids: {@code rsa2048}, {@code rsa4096}, {@code p521}. */
    String fileName() {
      return fileName;
    }
  }

  /** The kind of key; RSA 2048 bits unless said. */
  Type value() default Type.RSA_2048;

  /** Which of the pairs of that kind: 1 or 2 (a second key for rotation and wrong-key tests). */
  int index() default 1;
}
