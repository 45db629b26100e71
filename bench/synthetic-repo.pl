#!/usr/bin/perl
# Writes a `git fast-import` stream for a synthetic history (used by bench/git-sync):
#   COMMITS commits in total on main, each non-merge commit changing FILES_PER_COMMIT files
#   (one line rewritten, two added); every 500 commits a feature branch of 10 commits merged back with
#   --no-ff (merge commits carry no file stats, as in git log); every 1000 commits a lightweight tag, and
#   two unmerged branches at the end. Deterministic (fixed seed), so runs are comparable.
# Files start with LINES lines (default 150) and stay under 2 x LINES (a change then deletes two lines instead of
# adding them), so large histories stay cheap to generate.
# Usage: synthetic-repo.pl COMMITS FILES_PER_COMMIT [LINES] | git fast-import --quiet
use strict;
use warnings;

my ($total, $per, $lines) = (@ARGV, 10000, 5, 150)[0, 1, 2];
my $nfiles = 2000;
my $seed = 42;
sub rnd { $seed = ($seed * 1103515245 + 12345) % 2147483648; return $seed % $_[0]; }

my @files;                 # content per file: array ref of lines
my @names;
for my $i (0 .. $nfiles - 1) {
    push @names, sprintf("src/module%02d/File%04d.java", $i % 40, $i);
    push @files, [ map { "    line $_ of file $i: " . ('x' x (rnd(40))) . "\n" } 1 .. $lines ];
}

my $mark = 0;
my $time = 1_600_000_000;
my @authors = map { ["Dev $_", "dev$_\@example.com"] } 1 .. 25;
my $out = '';
binmode STDOUT;

sub data { my $s = shift; return "data " . length($s) . "\n" . $s . "\n"; }

sub change_file {
    my ($i, $n) = @_;
    my $f = $files[$i];
    my $at = rnd(scalar @$f);
    $f->[$at] = "    changed in commit $n: " . ('y' x rnd(30)) . "\n";
    if (@$f >= 2 * $lines) {
        splice @$f, rnd(scalar @$f - 2), 2;
    } else {
        splice @$f, rnd(scalar @$f), 0, "    added in commit $n a\n", "    added in commit $n b\n";
    }
    return "M 100644 inline $names[$i]\n" . data(join '', @$f);
}

sub commit {
    my ($ref, $msg, $from, $merge, $body) = @_;
    my $a = $authors[rnd(scalar @authors)];
    $time += 60 + rnd(7200);
    my $tz = ('+0000', '+0200', '-0700', '+0530')[rnd(4)];
    $mark++;
    print "commit $ref\nmark :$mark\n",
        "author $a->[0] <$a->[1]> $time $tz\ncommitter $a->[0] <$a->[1]> $time $tz\n",
        data($msg);
    print "from :$from\n" if defined $from;
    print "merge :$merge\n" if defined $merge;
    print $body;
    return $mark;
}

my $n = 0;
my $head;
my %touched_by_feature;
while ($n < $total) {
    if ($n > 0 && $n % 500 == 0 && $n + 11 <= $total) {
        # feature branch: 10 commits on files only it touches, merged back with a merge commit
        my $base = $head;
        my $tip = $base;
        my %changed;
        for my $k (1 .. 10) {
            my $body = '';
            my %pick;
            while (keys %pick < $per) { $pick{ rnd($nfiles) } = 1; }
            for my $i (sort { $a <=> $b } keys %pick) { $body .= change_file($i, $n); $changed{$i} = 1; }
            $tip = commit('refs/heads/feature', "feature work $n.$k", $tip, undef, $body);
            $n++;
        }
        my $body = join '', map { "M 100644 inline $names[$_]\n" . data(join '', @{ $files[$_] }) } sort { $a <=> $b } keys %changed;
        $head = commit('refs/heads/main', "Merge branch 'feature' ($n)", $head, $tip, $body);
        $n++;
        next;
    }
    my $body = '';
    my %pick;
    while (keys %pick < $per) { $pick{ rnd($nfiles) } = 1; }
    if (!defined $head) {
        $body = join '', map { "M 100644 inline $names[$_]\n" . data(join '', @{ $files[$_] }) } 0 .. $nfiles - 1;
    } else {
        for my $i (sort { $a <=> $b } keys %pick) { $body .= change_file($i, $n); }
    }
    $head = commit('refs/heads/main', "change $n: update " . join(', ', map { $names[$_] } sort keys %pick), $head, undef, $body);
    $n++;
    print "reset refs/tags/v" . ($n / 1000) . "\nfrom :$head\n\n" if $n % 1000 == 0;
}
print "reset refs/heads/stale-1\nfrom :" . ($head - 20) . "\n\n" if $head > 20;
print "reset refs/heads/stale-2\nfrom :" . ($head - 40) . "\n\n" if $head > 40;
