#!/usr/bin/perl
# Writes a `git fast-import` stream for a synthetic history (used by bench/git-sync). Two shapes:
#
# uniform (default): COMMITS commits in total on main, each non-merge commit changing FILES_PER_COMMIT files
#   (one line rewritten, two added); files start with LINES lines (default 150) and stay under 2 x LINES.
#
# real: the shape of real repositories, drawn from heavy-tailed distributions (fixed seed):
#   - files per commit: discrete power law P(k) ~ k^-2.1, k = 1..600 (about 70% of commits touch 1-3 files,
#     1-2% touch 50+, a few touch hundreds: renames of packages, vendored drops, mass reformatting);
#   - file sizes: log-normal, median LINES lines (default 150), sigma 1.3 (a long tail of multi-thousand-line
#     files); line lengths 10-110 characters;
#   - diff size per changed file: log-normal, median 4 lines, sigma 1.4 (mostly small hunks, some rewrites);
#   - the tree grows: about 8% of file changes add a new file (log-normal size), 1% delete one;
#   - about 1% of files are binary blobs (a few KB to a few hundred KB, rewritten whole).
#
# Both: every 500 commits a feature branch of 10 commits merged back with --no-ff (merge commits carry no file
# stats, as in git log); every 1000 commits a lightweight tag, and two unmerged branches at the end.
# Usage: synthetic-repo.pl COMMITS FILES_PER_COMMIT [LINES] [uniform|real] | git fast-import --quiet
use strict;
use warnings;

my ($total, $per, $lines, $shape) = (@ARGV, 10000, 5, 150, 'uniform')[0, 1, 2, 3];
$shape = 'uniform' unless defined $shape && $shape eq 'real';
my $real = $shape eq 'real';
my $nfiles = $real ? 3000 : 2000;
my $seed = 42;
sub rnd { $seed = ($seed * 1103515245 + 12345) % 2147483648; return $seed % $_[0]; }
sub uniform01 { return (rnd(2147483647) + 0.5) / 2147483647; }
sub normal { return sqrt(-2 * log(uniform01())) * cos(6.283185307179586 * uniform01()); }
sub lognormal { my ($median, $sigma, $cap) = @_; my $v = int($median * exp($sigma * normal()) + 0.5);
    $v = 1 if $v < 1; $v = $cap if $v > $cap; return $v; }

# Discrete power law k^-alpha on 1..kmax, sampled by inverting its cumulative distribution.
my @power_cdf;
{
    my ($alpha, $kmax, $sum) = (2.1, 600, 0);
    my @w = map { $_ ** -$alpha } 1 .. $kmax;
    $sum += $_ for @w;
    my $acc = 0;
    @power_cdf = map { $acc += $_ / $sum } @w;
}
sub files_per_commit {
    return $per unless $real;
    my $u = uniform01();
    my ($lo, $hi) = (0, $#power_cdf);
    while ($lo < $hi) { my $mid = int(($lo + $hi) / 2); if ($power_cdf[$mid] < $u) { $lo = $mid + 1 } else { $hi = $mid } }
    return $lo + 1;
}

sub text_line { my ($tag) = @_; my $len = 10 + rnd(100); return substr("    $tag " . ('abcdefghij klmnopqrst uvwxyz0123 ' x 4), 0, $len) . "\n"; }

my @files;                 # content per file: array ref of lines, or a scalar ref for binary files
my @names;
my @alive;                 # indexes of files that exist
sub new_file {
    my ($i, $n) = @_;
    if (!$real) { # the original uniform generator, byte for byte
        push @names, sprintf("src/module%02d/File%04d.java", $i % 40, $i);
        push @files, [ map { "    line $_ of file $i: " . ('x' x (rnd(40))) . "\n" } 1 .. $lines ];
        push @alive, $i;
        return;
    }
    my $dir = sprintf("src/module%02d/%s", rnd(60), ('core', 'api', 'util', 'test', 'web')[rnd(5)]);
    my $binary = $real && rnd(100) == 0;
    push @names, $binary ? sprintf("assets/blob%05d.bin", $i) : sprintf("%s/File%05d.java", $dir, $i);
    if ($binary) {
        my $size = lognormal(8000, 1.5, 400_000);
        push @files, \ join('', map { chr(rnd(256)) } 1 .. $size);
    } else {
        my $count = $real ? lognormal($lines, 1.3, 20_000) : $lines;
        push @files, [ map { text_line("line $_ of file $i (c$n):") } 1 .. $count ];
    }
    push @alive, $i;
}
new_file($_, 0) for 0 .. $nfiles - 1;

my $mark = 0;
my $time = 1_600_000_000;
my @authors = map { ["Dev $_", "dev$_\@example.com"] } 1 .. 25;
binmode STDOUT;

sub data { my $s = shift; return "data " . length($s) . "\n" . $s . "\n"; }
sub content { my $f = $files[$_[0]]; return ref $f eq 'SCALAR' ? $$f : join '', @$f; }

sub change_uniform {
    my ($i, $n) = @_;
    my $f = $files[$i];
    my $at = rnd(scalar @$f);
    $f->[$at] = "    changed in commit $n: " . ('y' x rnd(30)) . "\n";
    if (@$f >= 2 * $lines) {
        splice @$f, rnd(scalar @$f - 2), 2;
    } else {
        splice @$f, rnd(scalar @$f), 0, "    added in commit $n a\n", "    added in commit $n b\n";
    }
}

# A hunk of log-normal size: some lines replaced, some added, some deleted.
sub change_real {
    my ($i, $n) = @_;
    my $f = $files[$i];
    if (ref $f eq 'SCALAR') {
        $files[$i] = \ join('', map { chr(rnd(256)) } 1 .. length($$f));
        return;
    }
    my $size = lognormal(4, 1.4, 5000);
    my $at = rnd(scalar @$f + 1);
    my $removed = @$f > 10 ? rnd($size + 1) : 0;
    $removed = @$f - $at if $removed > @$f - $at;
    splice @$f, $at, $removed, map { text_line("c$n.$_:") } 1 .. $size;
}

# The body of a commit changing $k files: file modifications (and, for real shapes, additions and deletions).
sub change_body {
    my ($k, $n) = @_;
    my %pick;
    my $body = '';
    $k = scalar @alive if $k > @alive;
    while (keys %pick < $k) { $pick{ $alive[rnd(scalar @alive)] } = 1; }
    for my $i (sort { $a <=> $b } keys %pick) {
        if ($real && rnd(100) < 8) {
            my $new = scalar @files;
            new_file($new, $n);
            $body .= "M 100644 inline $names[$new]\n" . data(content($new));
        } elsif ($real && rnd(100) == 0 && @alive > 100) {
            @alive = grep { $_ != $i } @alive;
            $body .= "D $names[$i]\n";
        } else {
            $real ? change_real($i, $n) : change_uniform($i, $n);
            $body .= "M 100644 inline $names[$i]\n" . data(content($i));
        }
    }
    return ($body, [ sort { $a <=> $b } keys %pick ]);
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
while ($n < $total) {
    if ($n > 0 && $n % 500 == 0 && $n + 11 <= $total) {
        # feature branch: 10 commits, merged back with a merge commit that brings their changes to main
        my $tip = $head;
        my %changed;
        for my $k (1 .. 10) {
            my ($body, $picked) = change_body(files_per_commit(), $n);
            $changed{$_} = 1 for @$picked;
            $tip = commit('refs/heads/feature', "feature work $n.$k", $tip, undef, $body);
            $n++;
        }
        my %exists = map { $_ => 1 } @alive;
        my $body = join '', map { "M 100644 inline $names[$_]\n" . data(content($_)) }
            grep { $exists{$_} } sort { $a <=> $b } keys %changed;
        $head = commit('refs/heads/main', "Merge branch 'feature' ($n)", $head, $tip, $body);
        $n++;
        next;
    }
    my ($body, $picked);
    if (!defined $head) {
        $body = join '', map { "M 100644 inline $names[$_]\n" . data(content($_)) } @alive;
        $picked = [ 0 .. 2 ];
    } else {
        ($body, $picked) = change_body(files_per_commit(), $n);
    }
    my @shown = !$real ? (sort @$picked) : @$picked > 3 ? (@$picked[0 .. 2]) : @$picked;
    $head = commit('refs/heads/main', "change $n: update " . join(', ', map { $names[$_] } @shown), $head, undef, $body);
    $n++;
    print "reset refs/tags/v" . ($n / 1000) . "\nfrom :$head\n\n" if $n % 1000 == 0;
}
print "reset refs/heads/stale-1\nfrom :" . ($head - 20) . "\n\n" if $head > 20;
print "reset refs/heads/stale-2\nfrom :" . ($head - 40) . "\n\n" if $head > 40;
