//! A small deterministic random generator (xorshift64*) for everything that makes realistic data
//! — the calibration sample, the benchmark databases, the calibration tests — so one seed gives
//! the same data on every machine and every run. Not for anything secret: keys and salts come
//! from the operating system's generator.

/// The generator's state.
#[derive(Debug, Clone)]
pub struct Dice(u64);

impl Dice {
    /// A generator started from `seed` (xorshift must not start at zero, so 0 counts as 1).
    pub fn new(seed: u64) -> Dice {
        Dice(seed.max(1))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `from` (not empty), uniformly.
    pub fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = 1.0 - self.uniform();
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

#[cfg(test)]
mod tests {
    use super::Dice;

    #[test]
    fn the_same_seed_gives_the_same_draws_within_range() {
        let (mut a, mut b) = (Dice::new(42), Dice::new(42));
        for _ in 0..1000 {
            let (x, y) = (a.below(7), b.below(7));
            assert_eq!(x, y);
            assert!(x < 7);
            let u = a.uniform();
            assert_eq!(u, b.uniform());
            assert!((0.0..1.0).contains(&u));
        }
        assert_eq!(Dice::new(0).next_u64(), Dice::new(1).next_u64());
    }
}
