# provenance: search index id 51873736997 [CharacterAttack.mutation and StructureAttack.perturbBert; characters 16,000-31,357 were read, class lines supplied without their bases, import torch supplied]
# query: padding=True).input_ids
# rank: 4
# label: negative
# note: one text per tokenizer call (padding=True pads nothing) and BERT gets one unpadded sentence
import torch


class CharacterAttack:
    def mutation(self, current_adv_text, grad, modify_pos):
        current_tensor = self.tokenizer([current_adv_text], return_tensors="pt", padding=True).input_ids[0]
        new_strings = self.character_replace_mutation(current_adv_text, current_tensor, grad)
        return new_strings


class StructureAttack:
    def perturbBert(self, tokens, ori_tensors, masked_indexL, masked_index):
        new_sentences = list()
        original_word = tokens[masked_index]

        low_tokens = [x.lower() for x in tokens]
        low_tokens[masked_index] = '[MASK]'
        # try whether all the tokens are in the vocabulary
        try:
            indexed_tokens = self.berttokenizer.convert_tokens_to_ids(low_tokens)
            tokens_tensor = torch.tensor([indexed_tokens])
            tokens_tensor = tokens_tensor.to(self.model.device)
            prediction = self.bertmodel(tokens_tensor)
        except KeyError as error:
            print('skip a sentence. unknown token is %s' % error)
            return new_sentences
