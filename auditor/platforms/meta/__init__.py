"""Code Facebook and Instagram (with Threads) share: Meta's "Download your information"
export. A helper package, not a platform: the registry lists `facebook` and `instagram`."""
