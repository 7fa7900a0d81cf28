"""`make bench`: peacewatch's throughput, latency and memory, measured on a real broker."""
