-- the partition requests' queue (V5 on PostgreSQL) exists on PostgreSQL only: an H2 job database cannot be shared
-- with worker processes, so its partitions run on threads of one process. Kept so that both databases number alike.
SELECT 1;
