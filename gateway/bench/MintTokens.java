import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Signs benchmark tokens the way Keycloak does (RS256, kid, issuer, audience, azp, workspace, realm roles), one per
 * line on stdout, each with its own subject (a caller of its own: its own rate-limit bucket and cache entry).
 * Run as a single-file program: {@code java MintTokens.java <private.pem> <count> <issuer> <lifetime seconds>}.
 */
public class MintTokens {

    public static void main(String[] args) throws Exception {
        String pem = Files.readString(Path.of(args[0])).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        int count = Integer.parseInt(args[1]);
        String issuer = args[2];
        long now = System.currentTimeMillis() / 1000;
        long expires = now + Long.parseLong(args[3]);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        StringBuilder out = new StringBuilder(count * 720);
        for (int i = 0; i < count; i++) {
            String payload = b64.encodeToString(("{\"iss\":\"" + issuer + "\",\"aud\":\"effortmap-api\",\"sub\":\"bench-user-" + i
                    + "\",\"azp\":\"bench-client\",\"workspace\":\"bench-ws-" + (i % 50)
                    + "\",\"realm_access\":{\"roles\":[\"cx-admin\"]},\"iat\":" + now + ",\"exp\":" + expires + "}")
                    .getBytes(StandardCharsets.UTF_8));
            String signed = header + "." + payload;
            signer.initSign(key);
            signer.update(signed.getBytes(StandardCharsets.US_ASCII));
            out.append(signed).append('.').append(b64.encodeToString(signer.sign())).append('\n');
        }
        System.out.print(out);
    }
}
