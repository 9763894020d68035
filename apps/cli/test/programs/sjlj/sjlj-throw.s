# Throws the C longjmp exception tag with its argument (see sjlj-glue.c). The `drop` after the
# throw is dead code: LLVM 14's assembler does not know that `throw` pops its operand.
	.text
	.tagtype	__c_longjmp i32
	.globl	__microwasm_throw_longjmp
	.type	__microwasm_throw_longjmp,@function
__microwasm_throw_longjmp:
	.functype	__microwasm_throw_longjmp (i32) -> ()
	local.get	0
	throw	__c_longjmp
	drop
	end_function
