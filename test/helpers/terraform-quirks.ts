/** Terraform texts that exercise the quick reader's and tree-sitter's scanners (quick.test.ts, edit-in-block.test.ts). */
/** Texts the scanner reads in its own way: whitespace inside literals, heredocs, escapes, comments in references. */
export const QUIRKS = [
  'resource "aws_iam_role" "r" {\n  name = "  spaced  name  "\n  a = " x ${var.y} z "\n  b = "${var.y}"\n  c = ""\n  d = "   "\n}\n',
  'locals {\n  e = "a\\"b\\\\c\\n\\t\\u00e9\\U0001F642"\n  f = "$${literal} %%{x} $ % $x %x"\n  g = "${ ~ var.a ~ }"\n  h = "${}"\n}\n',
  'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:GetObject", "s3:Put*",]\n    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.bucket}/*"]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:SourceAccount"\n      values   = [data.aws_caller_identity.current.account_id]\n    }\n  }\n}\n',
  'resource "aws_iam_role_policy" "p" {\n  policy = <<EOF\n{\n  "Statement": [{"Effect": "Allow", "Action": "logs:*", "Resource": "${aws_cloudwatch_log_group.g.arn}"}]\n}\nEOF\n}\nresource "aws_iam_policy" "q" {\n  policy = <<-POLICY\n    {"Statement": []}\n    POLICY\n}\n',
  'locals {\n  h1 = <<EOT\n  EOTX still inside\n  EOT not closing\nEOT\n  h2 = <<EOT\nEOT\n  h3 = <<EOT\n\n  $${x} ${upper("a")}\n\nEOT   \n}\n',
  'locals {\n  a = var.x[0]\n  b = var.x["k"]\n  c = var.x[" k "]\n  d = var.x[var.i]\n  e = var.x.0\n  f = var.x[*].y\n  g = var.x.*.y\n  h = (var.a)\n  i = (var.a).b\n  j = var.a /* c */ .b\n  k = ( /* c */ var.a)\n  l = var.a # trailing\n  m = f(x)[0]\n  n = f(x).y\n  o = "s"[0]\n}\n',
  'locals {\n  a = -1\n  b = !var.x\n  c = var.a + 1 * 2 - 3 / 4 % 5\n  d = var.a == "x" && var.b != "y" || var.c >= 1 && var.d <= 2 || var.e > 3 || var.f < 4\n  e = var.a ? "x" : "y"\n  f = var.a ? var.b ? 1 : 2 : 3\n  g = 1.5\n  h = 10\n  i = true\n  j = false\n  k = null\n  l = true ? null : false\n}\n',
  'locals {\n  a = [for x in var.l : upper(x) if x != ""]\n  b = {for k, v in var.m : k => v...}\n  c = {for k, v in var.m : k => v if v != null}\n  d = [for s in var.s : "arn:aws:iam::${s}:root"]\n  e = { a = 1, "b" = 2, c : 3\n    d = { e = [1, 2] } }\n  f = { (var.k) = 1 }\n  g = provider::aws::arn_parse("arn:aws:iam::1:role/x")\n  h = jsonencode({ Statement = [{ Effect = "Allow", Action = ["a:b"], Resource = "*" }] })\n  i = concat(var.a, var.b...)\n  j = f()\n  k = f(1,)\n  l = tolist([])\n  m = {}\n  n = []\n}\n',
  'resource "aws_iam_role" "r" { name = "x" }\nresource aws_s3_bucket b {\n  bucket = "b"\n  # comment\n  // comment\n  /* block\n  comment */\n  tags = {\n    # inside\n    A = "1" // after\n  }\n  lifecycle { ignore_changes = [tags] }\n}\nvariable "v" {}\noutput "o" { value = aws_iam_role.r.arn }\nterraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = ">= 5.0" }\n  }\n}\nmodule "m" {\n  source = "./modules/m"\n  count  = var.enabled ? 1 : 0\n}\n',
  'resource "aws_iam_role" "r" {\r\n  name = "x-${var.a}"\r\n  policy = <<EOF\r\n{"a": "b"}\r\nEOF\r\n}\r\n',
  'resource "aws_iam_role" "a\\"b" {\n  name = "x"\n}\nresource "aws_iam_role" "" {\n}\n',
  'top_level = 1\nresource "aws_s3_bucket" "b" {\n  dynamic "rule" {\n    for_each = var.rules\n    content {\n      id = rule.value.id\n    }\n  }\n  x = a-b\n  y = a - b\n  z = count.index-1\n}\n',
  'locals { a = "😀 ünï ${var.x} 日本" }\n# ünïcödé comment\n',
  // The scanner cuts `$$` and `%%` not before `{` as one chunk (fuzzing found `$$${` read wrongly).
  'locals {\n  a = "$$ %% $$$ %%% $$$${x}"\n  b = <<EOT\n$$ x %% y $\nEOT\n}\n',
];
