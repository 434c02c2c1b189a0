import java.nio.file.Path;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.AutoencoderKLConfig;
import org.genmask.vae.VaeInitializer;
import org.genmask.vae.VaeTrainer;

/**
 * Writes an untrained VAE directory (the default layout, {@code VaeTrainer.defaultConfig()}, randomly initialised)
 * for plumbing checks that need one fast (Spark's jars supply commons-collections4, which ND4J needs):
 * {@code java -cp "jobs/target/genmask-jobs.jar:ci/spark-dist/target/spark-home/jars/*" ci/RandomVae.java DIR [SEED]}.
 * Its latents carry the inputs' layout but none of a trained VAE's structure.
 */
public class RandomVae {
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: RandomVae DIR [SEED]");
        }
        AutoencoderKLConfig config = VaeTrainer.defaultConfig();
        long seed = args.length == 2 ? Long.parseLong(args[1]) : 1;
        VaeTrainer.save(AutoencoderKL.create(config, VaeInitializer.random(config, seed)), Path.of(args[0]));
        System.out.println("wrote an untrained VAE to " + args[0]);
    }
}
